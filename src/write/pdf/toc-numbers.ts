import {PDFArray, PDFDict, PDFName, PDFNumber, PDFStream, type PDFDocument} from 'pdf-lib'
import {latin1Text, pageContentBytes, streamBytes} from '../../pdf/stream.js'
import {codeWidth, parseToUnicode} from '../../pdf/text.js'
import {tocDigitCarrier} from '../html/page.js'
import type {TocPlan} from './toc-plan.js'

/**
 * Write `numbers` (in 目录 order) over the placeholders of a front printed
 * from `plan`, and take out the white digits. Changes `front` only when every
 * placeholder and the digits were found as Chromium writes them, and every
 * digit needed is in the font of the number it goes into; returns whether
 * it did.
 */
export function writeTocNumbers(front: PDFDocument, plan: TocPlan, numbers: readonly string[]): boolean {
  // A column of another width would set the entries differently: print them again.
  if (Math.max(...numbers.map((number) => number.length)) !== plan.numbers.digits) return false
  const fonts = new Map<PDFDict, DigitFont | undefined>()
  const edits: {page: number; content: string; replacements: {start: number; end: number; text: string}[]}[] = []
  let next = 0
  let carriers = 0
  for (const [pageIndex, page] of front.getPages().entries()) {
    const fontDicts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict)
    const content = latin1Text(pageContentBytes(page))
    const replacements: {start: number; end: number; text: string}[] = []
    const rightEdges: number[] = []
    for (const run of content.matchAll(textObject)) {
      const [whole, name, size, x, y, first, rest] = run
      const dict = fontDicts?.lookupMaybe(PDFName.of(name ?? ''), PDFDict)
      if (!dict) continue
      if (!fonts.has(dict)) fonts.set(dict, digitFont(dict))
      const font = fonts.get(dict)
      if (!font) continue
      const glyphs = readGlyphs(first ?? '', rest ?? '', Number(x), Number(size), font)
      const text = glyphs.map((glyph) => font.text.get(glyph.code) ?? '\uFFFD').join('')
      const start = run.index
      if (text === tocDigitCarrier) {
        replacements.push({start, end: start + whole.length, text: ''})
        carriers++
      } else if (text === plan.placeholder && next < numbers.length) {
        const last = glyphs.at(-1)
        if (!last) return false
        const right = last.x + last.advance
        rightEdges.push(right)
        const written = numberRun(numbers[next++] ?? '', font, name ?? '', size ?? '', right, y ?? '')
        if (written === undefined) return false
        replacements.push({start, end: start + whole.length, text: written})
      }
    }
    // Every number of a page ends at the column's edge.
    if (rightEdges.some((edge) => Math.abs(edge - (rightEdges[0] ?? edge)) > 0.01)) return false
    if (replacements.length > 0) edits.push({page: pageIndex, content, replacements})
  }
  if (next !== numbers.length || carriers === 0) return false
  const pages = front.getPages()
  for (const {page, content, replacements} of edits) {
    let written = ''
    let from = 0
    for (const {start, end, text} of replacements) {
      written += content.slice(from, start) + text
      from = end
    }
    written += content.slice(from)
    const stream = front.context.flateStream(Buffer.from(written, 'latin1'))
    pages[page]?.node.set(PDFName.of('Contents'), front.context.register(stream))
  }
  return true
}

/**
 * A text object as Chromium writes one run of glyphs in one font: font and
 * size, a text matrix that only moves, the first glyphs, then each next
 * glyph on a line moved by its advance.
 */
const textObject = /BT\n\/([A-Za-z0-9]+) ([\d.]+) Tf\n1 0 0 -1 (-?[\d.]+) (-?[\d.]+) Tm\n<([0-9A-Fa-f]+)> Tj\n((?:-?[\d.]+ 0 Td <[0-9A-Fa-f]+> Tj\n)*)ET/g
const movedGlyphs = /(-?[\d.]+) 0 Td <([0-9A-Fa-f]+)> Tj\n/g

/** A Type 0 font's two-byte codes: their text (ToUnicode), their advance (W, in thousandths of the size) and the code of each digit. */
interface DigitFont {
  text: Map<number, string>
  widths: Map<number, number>
  defaultWidth: number
  digits: Map<string, number>
}

interface Glyph {
  code: number
  x: number
  advance: number
}

function digitFont(dict: PDFDict): DigitFont | undefined {
  if (dict.lookupMaybe(PDFName.of('Subtype'), PDFName)?.asString() !== '/Type0') return undefined
  const toUnicode = dict.lookup(PDFName.of('ToUnicode'))
  if (!(toUnicode instanceof PDFStream)) return undefined
  const cmap = latin1Text(streamBytes(toUnicode))
  if (codeWidth(cmap) !== 2) return undefined
  const text = parseToUnicode(cmap)
  const digits = new Map<string, number>()
  for (const [code, character] of text) if (/^[0-9]$/.test(character) && !digits.has(character)) digits.set(character, code)
  const descendant = dict.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookupMaybe(0, PDFDict)
  if (!descendant) return undefined
  const defaultWidth = descendant.lookupMaybe(PDFName.of('DW'), PDFNumber)?.asNumber() ?? 1000
  return {text, widths: readWidths(descendant.lookupMaybe(PDFName.of('W'), PDFArray)), defaultWidth, digits}
}

/** A CID font's W array: `c [w …]` (widths from c on) and `c₁ c₂ w` (one width for a range). */
function readWidths(array: PDFArray | undefined): Map<number, number> {
  const widths = new Map<number, number>()
  if (!array) return widths
  for (let index = 0; index < array.size(); ) {
    const first = array.lookupMaybe(index, PDFNumber)?.asNumber() ?? 0
    const list = array.lookup(index + 1)
    if (list instanceof PDFArray) {
      for (let offset = 0; offset < list.size(); offset++) widths.set(first + offset, list.lookupMaybe(offset, PDFNumber)?.asNumber() ?? 0)
      index += 2
    } else {
      const last = list instanceof PDFNumber ? list.asNumber() : first
      const width = array.lookupMaybe(index + 2, PDFNumber)?.asNumber() ?? 0
      for (let code = first; code <= last; code++) widths.set(code, width)
      index += 3
    }
  }
  return widths
}

function readGlyphs(first: string, rest: string, x: number, size: number, font: DigitFont): Glyph[] {
  const glyphs: Glyph[] = []
  let lineStart = x
  const push = (hex: string, from: number): void => {
    let at = from
    for (let index = 0; index + 4 <= hex.length; index += 4) {
      const code = Number.parseInt(hex.slice(index, index + 4), 16)
      const advance = ((font.widths.get(code) ?? font.defaultWidth) * size) / 1000
      glyphs.push({code, x: at, advance})
      at += advance
    }
  }
  push(first, lineStart)
  for (const [, offset, hex] of rest.matchAll(movedGlyphs)) {
    lineStart += Number(offset)
    push(hex ?? '', lineStart)
  }
  return glyphs
}

/** `number` set in `font`, ending at `right`: as Chromium writes a run, each glyph after the first moved by the one before's advance. */
function numberRun(number: string, font: DigitFont, name: string, size: string, right: number, y: string): string | undefined {
  const codes = [...number].map((digit) => font.digits.get(digit))
  if (codes.length === 0 || codes.some((code) => code === undefined)) return undefined
  const advances = codes.map((code) => ((font.widths.get(code ?? 0) ?? font.defaultWidth) * Number(size)) / 1000)
  const width = advances.reduce((sum, advance) => sum + advance, 0)
  const hex = (code: number | undefined): string => (code ?? 0).toString(16).toUpperCase().padStart(4, '0')
  let run = `BT\n/${name} ${size} Tf\n1 0 0 -1 ${decimal(right - width)} ${y} Tm\n<${hex(codes[0])}> Tj\n`
  for (let index = 1; index < codes.length; index++) run += `${decimal(advances[index - 1] ?? 0)} 0 Td <${hex(codes[index])}> Tj\n`
  return `${run}ET`
}

/** A number as PDF content writes one: no exponent, at most five decimals. */
function decimal(value: number): string {
  return value.toFixed(5).replace(/\.?0+$/, '')
}
