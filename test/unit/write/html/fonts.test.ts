import {describe, expect, it} from 'vitest'
import {codePointsOf, covers, fontCoverage, fontFaces, parseUnicodeRange} from '../../../../src/write/html/fonts.js'
import {builtInTemplate} from '../../../helpers/template.js'

describe('fonts', () => {
  it('parses unicode-range lists', () => {
    expect(parseUnicodeRange('U+4e00-9fff,U+3000, U+30??')).toEqual([
      [0x4e00, 0x9fff],
      [0x3000, 0x3000],
      [0x3000, 0x30ff]
    ])
  })

  it('loads only the subsets a text needs', async () => {
    const template = await builtInTemplate()
    const song = template.fonts.find((font) => font.key === 'song')
    if (!song) throw new Error('no song font')
    const faces = fontFaces(song)
    expect(faces.length).toBeGreaterThan(100)
    const needed = fontCoverage(faces, codePointsOf('主题教育')).used
    expect(needed.length).toBeGreaterThan(0)
    expect(needed.length).toBeLessThan(10)
    for (const point of codePointsOf('主题教育')) expect(needed.some((face) => covers(face, point))).toBe(true)
  })

  it('finds characters no face covers', async () => {
    const template = await builtInTemplate()
    const faces = template.fonts.flatMap((font) => fontFaces(font))
    expect(fontCoverage(faces, codePointsOf('学习“读本”，2023年')).uncovered).toEqual([])
    // U+10FFFD: a private-use plane code point no CJK font has.
    expect(fontCoverage(faces, codePointsOf('字\u{10FFFD}')).uncovered).toEqual([0x10fffd])
  })
})
