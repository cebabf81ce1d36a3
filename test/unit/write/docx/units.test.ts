import {describe, expect, it} from 'vitest'
import {linePitchTwips, toHalfPoints, toTwips, twipsToPixels} from '../../../../src/write/docx/units.js'

describe('Word units', () => {
  it('converts millimetres to whole twips (A5 is 8391 × 11906)', () => {
    expect(toTwips(148)).toBe(8391)
    expect(toTwips(210)).toBe(11906)
    expect(toTwips(25.4)).toBe(1440)
  })

  it('converts points to half-points (五号 10.5 pt → 21)', () => {
    expect(toHalfPoints(10.5)).toBe(21)
    expect(toHalfPoints(22)).toBe(44)
  })

  it('turns a line height factor into a pitch in twips (10.5 pt × 1.75 → 368)', () => {
    expect(linePitchTwips(10.5, 1.75)).toBe(368)
  })

  it('sizes pixels at 96 per inch (15 twips each)', () => {
    expect(twipsToPixels(6300)).toBe(420)
  })
})
