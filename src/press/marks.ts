import {PDFArray, PDFDict, PDFName, type PDFDocument, type PDFPage, type PDFRef} from 'pdf-lib'
import {bytesOf, pdfNumber} from './content-stream.js'
import {mmToPt, type Rect} from './geometry.js'

/**
 * Printer's marks: crop (trim) marks at the page corners and fold marks at
 * the spine of an imposed sheet, in registration colour (every separation
 * at 100 %), outside the BleedBox so no trace of them survives the trim.
 */

/** Conventional sizes; the issue and most RIPs' defaults. */
export const markDefaults = {
  /** Gap between the trim and a mark; never less than the bleed. */
  offsetMm: 3,
  lengthMm: 5,
  lineWidthPt: 0.25,
  /** Paper left outside the marks. */
  marginMm: 2
} as const

export interface Line {
  x1: number
  y1: number
  x2: number
  y2: number
}

/** How far marks reach from the trim with this bleed: the room a page or sheet needs around its trim. */
export function markReachMm(bleedMm: number): number {
  return markOffsetMm(bleedMm) + markDefaults.lengthMm + markDefaults.marginMm
}

export function markOffsetMm(bleedMm: number): number {
  return Math.max(markDefaults.offsetMm, bleedMm)
}

/**
 * Eight crop marks: at each corner one horizontal and one vertical line on
 * the extension of the trim edges, starting `offset` from the trim.
 */
export function cropMarkLines(trim: Rect, bleedMm: number): Line[] {
  const offset = mmToPt(markOffsetMm(bleedMm))
  const length = mmToPt(markDefaults.lengthMm)
  const left = trim.x
  const right = trim.x + trim.width
  const bottom = trim.y
  const top = trim.y + trim.height
  const lines: Line[] = []
  for (const y of [bottom, top]) {
    lines.push({x1: left - offset - length, y1: y, x2: left - offset, y2: y})
    lines.push({x1: right + offset, y1: y, x2: right + offset + length, y2: y})
  }
  for (const x of [left, right]) {
    lines.push({x1: x, y1: bottom - offset - length, x2: x, y2: bottom - offset})
    lines.push({x1: x, y1: top + offset, x2: x, y2: top + offset + length})
  }
  return lines
}

/** Fold marks: the spine's line continued above and below the trim. */
export function foldMarkLines(trim: Rect, spineX: number, bleedMm: number): Line[] {
  const offset = mmToPt(markOffsetMm(bleedMm))
  const length = mmToPt(markDefaults.lengthMm)
  return [
    {x1: spineX, y1: trim.y - offset - length, x2: spineX, y2: trim.y - offset},
    {x1: spineX, y1: trim.y + trim.height + offset, x2: spineX, y2: trim.y + trim.height + offset + length}
  ]
}

const colorSpaceName = 'PaibanRegistration'

/**
 * The registration colour: Separation /All, which a RIP puts on every plate.
 * Its alternate is 100 % of C, M, Y and K (a type 2 function, PDF 1.3).
 */
function registrationColorSpace(document: PDFDocument): PDFRef {
  const tint = document.context.obj({FunctionType: 2, Domain: [0, 1], C0: [0, 0, 0, 0], C1: [1, 1, 1, 1], N: 1})
  return document.context.register(
    document.context.obj([PDFName.of('Separation'), PDFName.of('All'), PDFName.of('DeviceCMYK'), document.context.register(tint)])
  )
}

/** One registration colour per document. */
const colorSpaces = new WeakMap<PDFDocument, PDFRef>()

/**
 * Stroke `lines` on `page` in registration colour, in a content stream of
 * their own after the page's (which pdf-lib has wrapped in q … Q).
 */
export function drawMarks(document: PDFDocument, page: PDFPage, lines: Line[]): void {
  if (lines.length === 0) return
  let space = colorSpaces.get(document)
  if (!space) {
    space = registrationColorSpace(document)
    colorSpaces.set(document, space)
  }
  const {Resources} = page.node.normalizedEntries()
  let spaces = Resources.lookupMaybe(PDFName.of('ColorSpace'), PDFDict)
  if (!spaces) {
    spaces = document.context.obj({})
    Resources.set(PDFName.of('ColorSpace'), spaces)
  }
  spaces.set(PDFName.of(colorSpaceName), space)
  const path = lines.map((line) => `${pdfNumber(line.x1)} ${pdfNumber(line.y1)} m ${pdfNumber(line.x2)} ${pdfNumber(line.y2)} l S`).join('\n')
  const content = `q\n/${colorSpaceName} CS 1 SCN\n${pdfNumber(markDefaults.lineWidthPt)} w 0 J 0 j [] 0 d\n${path}\nQ\n`
  appendContent(document, page, content)
}

/** Add a content stream after the page's own. */
export function appendContent(document: PDFDocument, page: PDFPage, content: string): void {
  const stream = document.context.register(document.context.flateStream(bytesOf(content)))
  const contents = page.node.normalizedEntries().Contents
  if (contents instanceof PDFArray) contents.push(stream)
  else page.node.set(PDFName.of('Contents'), document.context.obj([stream]))
}

/** Add a content stream before the page's own. */
export function prependContent(document: PDFDocument, page: PDFPage, content: string): void {
  const stream = document.context.register(document.context.flateStream(bytesOf(content)))
  const contents = page.node.normalizedEntries().Contents
  if (contents instanceof PDFArray) contents.insert(0, stream)
  else page.node.set(PDFName.of('Contents'), document.context.obj([stream]))
}
