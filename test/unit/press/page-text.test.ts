import {describe, expect, it} from 'vitest'
import {parseToUnicode} from '../../../src/pdf/text.js'
import {expandToUnicode} from '../../../src/press/page-text.js'

// A ToUnicode map as Chromium writes it (from the booklet's PDF).
const chromium = `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
2 beginbfchar
<010A> <4E00>
<011D> <FF0C>
endbfchar
2 beginbfrange
<0081> <0082> <3001>
<00F7> <00F8> [<201C> <201D>]
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end`

describe('ToUnicode maps', () => {
  it('reads bfchar and both forms of bfrange', () => {
    const map = parseToUnicode(chromium)
    expect([0x10a, 0x11d, 0x81, 0x82, 0xf7, 0xf8].map((code) => map.get(code))).toEqual(['一', '，', '、', '。', '“', '”'])
  })

  it('spells bfrange out as bfchar with the same mapping, for Ghostscript 10.0', () => {
    const expanded = expandToUnicode(chromium)
    expect(expanded).not.toContain('bfrange')
    expect(expanded).toContain('<0082> <3002>')
    expect(parseToUnicode(expanded)).toEqual(parseToUnicode(chromium))
    expect(expanded.startsWith('/CIDInit')).toBe(true)
    expect(expanded).toMatch(/endbfchar\nendcmap/)
  })
})
