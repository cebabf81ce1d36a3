import {PDFArray, PDFDict, PDFName, PDFNumber, type PDFDocument, type PDFObject} from 'pdf-lib'
import {loadPdf, savePdf} from '../pdf/document.js'
import {bleedFillContent} from './bleed-fill.js'
import {pageContent, pdfNumber} from './content-stream.js'
import {grow, mmToPt, readBox, setBox, trimOf, type Rect, type SizeMm} from './geometry.js'
import {appendContent, cropMarkLines, drawMarks, markReachMm, prependContent} from './marks.js'

export type MarksKind = 'crop' | 'none'

export interface BleedOptions {
  /** Bleed beyond the trim on every side, in mm. Default 3 (what most print shops ask for). */
  bleedMm?: number
  /** `crop`: eight crop marks per page in registration colour; `none`: only the bleed. Default `crop`. */
  marks?: MarksKind
  /**
   * The trim size. Default: each page's TrimBox, else its MediaBox. Pass the
   * template's nominal size: Chromium's own page box is rounded.
   */
  trimMm?: SizeMm
}

export const bleedDefaults = {bleedMm: 3, marks: 'crop'} as const satisfies Required<Omit<BleedOptions, 'trimMm'>>

/**
 * The press version of a PDF: every page enlarged by the bleed and the room
 * its crop marks need, with TrimBox = the nominal trim, BleedBox = trim +
 * bleed and the MediaBox holding both, origin at 0 0. The page's content is
 * moved, not touched: text stays text in the same fonts. Fills that touch a
 * trim edge are carried into the bleed. Links are dropped (a press PDF has
 * no reader, and PDF/X forbids them on the page); bookmarks follow the move.
 */
export async function addBleedAndMarks(pdf: Uint8Array, options: Readonly<BleedOptions> = {}): Promise<Uint8Array> {
  const bleedMm = options.bleedMm ?? bleedDefaults.bleedMm
  const marks = options.marks ?? bleedDefaults.marks
  const document = await loadPdf(pdf)
  const bleed = mmToPt(bleedMm)
  const room = marks === 'crop' ? mmToPt(markReachMm(bleedMm)) : bleed
  const shifts = new Map<string, {dx: number; dy: number}>()

  for (const page of document.getPages()) {
    const media = readBox(page, 'MediaBox') ?? {x: 0, y: 0, width: page.getWidth(), height: page.getHeight()}
    const source: Rect = options.trimMm
      ? {x: media.x, y: media.y, width: mmToPt(options.trimMm.widthMm), height: mmToPt(options.trimMm.heightMm)}
      : trimOf(page)
    const original = pageContent(page)
    const dx = room - source.x
    const dy = room - source.y
    shifts.set(page.ref.toString(), {dx, dy})

    page.node.delete(PDFName.of('Annots'))
    page.node.delete(PDFName.of('CropBox'))
    page.node.delete(PDFName.of('ArtBox'))
    prependContent(document, page, `q 1 0 0 1 ${pdfNumber(dx)} ${pdfNumber(dy)} cm\n${bleed > 0 ? bleedFillContent(original, source, bleed) : ''}`)
    appendContent(document, page, 'Q\n')

    const trim: Rect = {x: room, y: room, width: source.width, height: source.height}
    setBox(page, 'MediaBox', grow(trim, room))
    setBox(page, 'BleedBox', grow(trim, bleed))
    setBox(page, 'TrimBox', trim)
    if (marks === 'crop') drawMarks(document, page, cropMarkLines(trim, bleedMm))
  }
  moveDestinations(document, shifts)
  return savePdf(document, {objectStreams: false})
}

/**
 * Bookmarks and named destinations point at page coordinates; move them
 * with their page's content.
 */
function moveDestinations(document: PDFDocument, shifts: ReadonlyMap<string, {dx: number; dy: number}>): void {
  const move = (destination: PDFObject | undefined): void => {
    const resolved = destination === undefined ? undefined : document.context.lookup(destination)
    const array = resolved instanceof PDFDict ? resolved.lookupMaybe(PDFName.of('D'), PDFArray) : resolved instanceof PDFArray ? resolved : undefined
    const page = array?.get(0)
    const shift = page ? shifts.get(page.toString()) : undefined
    const kind = array?.lookupMaybe(1, PDFName)?.decodeText()
    if (!array || !shift || !kind) return
    const xAt: Record<string, number[]> = {XYZ: [2], FitV: [2], FitBV: [2], FitR: [2, 4]}
    const yAt: Record<string, number[]> = {XYZ: [3], FitH: [2], FitBH: [2], FitR: [3, 5]}
    for (const index of xAt[kind] ?? []) {
      const value = array.lookupMaybe(index, PDFNumber)
      if (value) array.set(index, PDFNumber.of(value.asNumber() + shift.dx))
    }
    for (const index of yAt[kind] ?? []) {
      const value = array.lookupMaybe(index, PDFNumber)
      if (value) array.set(index, PDFNumber.of(value.asNumber() + shift.dy))
    }
  }
  const walkOutline = (first: PDFDict | undefined): void => {
    for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      move(item.get(PDFName.of('Dest')))
      const action = item.lookupMaybe(PDFName.of('A'), PDFDict)
      if (action?.lookupMaybe(PDFName.of('S'), PDFName)?.decodeText() === 'GoTo') move(action.get(PDFName.of('D')))
      walkOutline(item.lookupMaybe(PDFName.of('First'), PDFDict))
    }
  }
  walkOutline(document.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)?.lookupMaybe(PDFName.of('First'), PDFDict))
  const dests = document.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict)
  for (const [, value] of dests?.entries() ?? []) move(value)
  const walkNames = (node: PDFDict | undefined): void => {
    if (!node) return
    const names = node.lookupMaybe(PDFName.of('Names'), PDFArray)
    for (let index = 1; names && index < names.size(); index += 2) move(names.get(index))
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray)
    for (let index = 0; kids && index < kids.size(); index++) walkNames(kids.lookupMaybe(index, PDFDict))
  }
  walkNames(document.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('Dests'), PDFDict))
}
