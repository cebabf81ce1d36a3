import {afterEach, describe, expect, it} from 'vitest'
import {leftPageShiftPt, partCut} from '../../../../src/write/pdf/parts.js'

afterEach(() => {
  delete process.env['PAIBAN_PRINT_IN_PARTS']
})

describe('partCut', () => {
  const long = [2_000, ...Array.from({length: 10}, () => 40_000)]

  it('cuts a long body where its two parts weigh nearest the same, never before the second section', () => {
    // Opening 2,000 and ten sections of 40,000: five sections and the opening against five.
    expect(partCut(long, 2)).toBe(5)
    expect(partCut([100_000, 10_000, 10_000, 200_000], 2)).toBe(2)
    expect(partCut([0, 300_000, 1_000, 1_000], 2)).toBe(1)
  })

  it('prints a short body whole, and any body on one core', () => {
    expect(partCut([2_000, 40_000, 40_000], 2)).toBeUndefined()
    expect(partCut(long, 1)).toBeUndefined()
    expect(partCut([2_000, 400_000], 2)).toBeUndefined()
  })

  it('follows PAIBAN_PRINT_IN_PARTS', () => {
    process.env['PAIBAN_PRINT_IN_PARTS'] = 'always'
    expect(partCut([10, 20, 20], 1)).toBe(1)
    expect(partCut([10, 20], 2)).toBeUndefined()
    process.env['PAIBAN_PRINT_IN_PARTS'] = 'never'
    expect(partCut(long, 2)).toBeUndefined()
  })
})

describe('leftPageShiftPt', () => {
  it('is the difference of the margins as Chromium rounds them, to whole CSS pixels', () => {
    // 17.875 mm = 67.56 px → 68 px; 19 mm = 71.81 px → 72 px: 4 px, 3 pt, not 3.19 pt.
    expect(leftPageShiftPt({twoSided: true, margin: {insideMm: 19, outsideMm: 17.875}})).toBe(-3)
    expect(leftPageShiftPt({twoSided: true, margin: {insideMm: 20, outsideMm: 25}})).toBe(13.5)
    expect(leftPageShiftPt({twoSided: false, margin: {insideMm: 19, outsideMm: 17.875}})).toBe(0)
  })
})
