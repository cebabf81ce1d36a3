import {PDFDict, PDFDocument, PDFName, StandardFonts} from 'pdf-lib'
import {describe, expect, it} from 'vitest'
import {codeWidth, parseToUnicode, readContentText} from '../../../src/pdf/text.js'

describe('parseToUnicode', () => {
  it('reads single codes, ranges that count up and ranges given as lists', () => {
    const cmap = `
      1 begincodespacerange <0000> <FFFF> endcodespacerange
      2 beginbfchar
      <0001> <0020>
      <00C4> <2014>
      endbfchar
      2 beginbfrange
      <0012> <0014> <0031>
      <0020> <0021> [<4E2D> <6587>]
      endbfrange`
    const codes = parseToUnicode(cmap)
    expect(codeWidth(cmap)).toBe(2)
    expect([1, 0xc4, 0x12, 0x13, 0x14, 0x20, 0x21].map((code) => codes.get(code))).toEqual([' ', '—', '1', '2', '3', '中', '文'])
  })

  it('maps a code to several characters (a ligature, a character beyond the BMP)', () => {
    const codes = parseToUnicode('beginbfchar <0005> <00660069> <0006> <D840DC00> endbfchar')
    expect(codes.get(5)).toBe('fi')
    expect(codes.get(6)).toBe('𠀀')
  })

  it('takes the code width from the codespace', () => {
    expect(codeWidth('begincodespacerange <00> <FF> endcodespacerange')).toBe(1)
  })
})

describe('readContentText', () => {
  it('gives each page its lines, placed by baseline, in the order the page draws them', async () => {
    const document = await PDFDocument.create()
    const font = await document.embedFont(StandardFonts.Helvetica)
    const page = document.addPage([420, 595])
    page.drawText('Heading', {x: 60, y: 500, size: 14, font})
    page.drawText('first', {x: 60, y: 470, size: 10, font})
    // Same baseline: one line.
    page.drawText('line', {x: 90, y: 470, size: 10, font})
    page.drawText('3', {x: 200, y: 30, size: 9, font})
    document.addPage([420, 595]).drawText('second page', {x: 60, y: 500, size: 10, font})
    const pages = readContentText(await PDFDocument.load(await document.save()))
    expect(pages.map((read) => read.number)).toEqual([1, 2])
    expect(pages[0]?.lines.map((line) => [line.text, Math.round(line.y), Math.round(line.x)])).toEqual([
      ['Heading', 500, 60],
      ['firstline', 470, 60],
      ['3', 30, 200]
    ])
    expect(pages[1]?.lines.map((line) => line.text)).toEqual(['second page'])
    expect(pages[0]?.height).toBe(595)
  })

  it('reads the pages asked for: the first `last`, or the pages given', async () => {
    const created = await PDFDocument.create()
    const font = await created.embedFont(StandardFonts.Helvetica)
    for (const text of ['one', 'two', 'three']) created.addPage().drawText(text, {x: 50, y: 50, font})
    const document = await PDFDocument.load(await created.save())
    expect(readContentText(document, {last: 2}).map((page) => page.lines[0]?.text)).toEqual(['one', 'two'])
    const [, second] = document.getPages()
    expect(readContentText(document, {pages: second ? [second] : []}).map((page) => page.lines[0]?.text)).toEqual(['two'])
  })

  it('skips an inline image whose data holds the bytes “EI”, and reads the text after it', async () => {
    const created = await PDFDocument.create()
    const font = await created.embedFont(StandardFonts.Helvetica)
    const page = created.addPage([420, 595])
    page.drawText('before', {x: 60, y: 500, size: 10, font})
    const fontName = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict).keys()[0]?.asString() ?? ''
    // An 8 × 1 grey image whose samples spell “xxEI(abc”: only the EI after whitespace ends it; the first
    // would leave “(abc” to be read as a string that swallows the text operators after the image.
    const content = `q BI /W 8 /H 1 /BPC 8 /CS /G ID xxEI(abc\nEI Q BT ${fontName} 10 Tf 60 470 Td (after) Tj ET`
    page.node.addContentStream(created.context.register(created.context.stream(content)))
    const pages = readContentText(await PDFDocument.load(await created.save()))
    expect(pages[0]?.lines.map((line) => line.text)).toEqual(['before', 'after'])
  })
})
