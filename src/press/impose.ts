import {PDFDocument, PDFName, type PDFPage} from 'pdf-lib'
import {PaibanError} from '../errors.js'
import {loadPdf, savePdf} from '../pdf/document.js'
import type {MarksKind} from './bleed-marks.js'
import {pdfNumber} from './content-stream.js'
import {grow, mmToPt, readBox, setBox, sheetNames, sheetSizes, trimOf, type Rect, type SheetName} from './geometry.js'
import {appendContent, cropMarkLines, drawMarks, foldMarkLines, markReachMm} from './marks.js'

export interface ImposeOptions {
  /** The press sheet. Default: the smallest of A4, A3, SRA3 that holds two pages (with their marks and bleed). */
  sheet?: SheetName
  /**
   * Creep compensation in mm: how far the innermost sheet's pages move toward
   * the spine (the paper's thickness pushes inner sheets out at the fore-edge).
   * Sheets in between move in proportion; the outermost does not move. Default 0.
   */
  creepMm?: number
  /** Warn past this many pages: about what one staple through the spine holds on 80 g/m² paper. Default 64. */
  maxPages?: number
  /** `crop`: crop marks around the spread and fold marks at the spine. Default `none`. */
  marks?: MarksKind
  /** Bleed around the spread, taken from the pages' BleedBox (a press PDF's). Default 0. */
  bleedMm?: number
}

export const imposeDefaults = {creepMm: 0, maxPages: 64, marks: 'none', bleedMm: 0} as const

export interface ImposeResult {
  bytes: Uint8Array
  /** Pages of the input. */
  pageCount: number
  /** Blank pages added at the end to reach a multiple of 4. */
  blanksAdded: number
  sheets: number
  sheet: SheetName
  /** Past `maxPages`, for the user to see. */
  warnings: string[]
}

/** One side of a sheet: the page (0-based) on its left and right half; `undefined` is blank. */
export interface SheetSide {
  sheet: number
  side: 'front' | 'back'
  left: number | undefined
  right: number | undefined
}

/**
 * Saddle-stitch order for `pageCount` pages, padded with blanks to a
 * multiple of 4: sheet k (0 = outermost) carries [n−2k | 2k+1] on its front
 * and [2k+2 | n−2k−1] on its back (1-based), so the folded, nested sheets
 * read 1, 2, 3 … n. Pages past the input's count are blank.
 */
export function saddleOrder(pageCount: number): SheetSide[] {
  const padded = Math.max(4, Math.ceil(pageCount / 4) * 4)
  const page = (oneBased: number): number | undefined => (oneBased <= pageCount ? oneBased - 1 : undefined)
  const sides: SheetSide[] = []
  for (let sheet = 0; sheet < padded / 4; sheet++) {
    sides.push({sheet, side: 'front', left: page(padded - 2 * sheet), right: page(2 * sheet + 1)})
    sides.push({sheet, side: 'back', left: page(2 * sheet + 2), right: page(padded - 2 * sheet - 1)})
  }
  return sides
}

/** How far sheet `index` of `sheets` moves its pages toward the spine, in mm. */
export function creepShiftMm(index: number, sheets: number, creepMm: number): number {
  return sheets > 1 ? (creepMm * index) / (sheets - 1) : 0
}

/**
 * Impose a PDF for saddle stitching: two pages side by side on each side
 * of a sheet, in folding order, sheets printed front then back (duplex,
 * flip on the short edge). Pages are placed as form XObjects: text stays
 * text, fonts are the same font objects.
 */
export async function imposeSaddle(pdf: Uint8Array, options: Readonly<ImposeOptions> = {}): Promise<ImposeResult> {
  const creepMm = options.creepMm ?? imposeDefaults.creepMm
  const maxPages = options.maxPages ?? imposeDefaults.maxPages
  const marks = options.marks ?? imposeDefaults.marks
  const bleedMm = options.bleedMm ?? imposeDefaults.bleedMm
  const source = await loadPdf(pdf)
  const pages = source.getPages()
  if (pages.length === 0) throw new PaibanError('E_INPUT', 'The PDF has no pages to impose')
  const trims = pages.map(trimOf)
  const trim = trims[0] as Rect
  const odd = trims.findIndex((rect) => Math.abs(rect.width - trim.width) > 1 || Math.abs(rect.height - trim.height) > 1)
  if (odd !== -1) {
    throw new PaibanError('E_INPUT', `Page ${odd + 1} is ${mmText(trims[odd] as Rect)}, page 1 ${mmText(trim)}: a saddle-stitched booklet has one page size`, {
      hint: 'Impose a PDF whose pages all have the same trim size.'
    })
  }

  const bleed = mmToPt(bleedMm)
  const room = marks === 'crop' ? mmToPt(markReachMm(bleedMm)) : bleed
  const spread = {width: 2 * trim.width + 2 * room, height: trim.height + 2 * room}
  const sheetName = options.sheet ?? sheetNames.find((name) => orientation(name, spread) !== undefined)
  const sheet = sheetName ? orientation(sheetName, spread) : undefined
  if (!sheetName || !sheet) {
    const needed = `${Math.ceil(spread.width / mmToPt(1))} × ${Math.ceil(spread.height / mmToPt(1))} mm`
    throw new PaibanError('E_USAGE', `Two ${mmText(trim)} pages${marks === 'crop' ? ' with marks' : ''}${bleedMm > 0 ? ` and ${bleedMm} mm bleed` : ''} need ${needed}, more than ${sheetName ?? sheetNames.join(', ')} holds`, {
      hint: `Use a larger --sheet (${sheetNames.join(', ')}), or impose without marks.`
    })
  }

  const order = saddleOrder(pages.length)
  const sheets = order.length / 2
  const blanksAdded = sheets * 4 - pages.length
  const output = await PDFDocument.create({updateMetadata: false})
  for (const page of pages) {
    // Links and tags point into the source document; an imposed sheet keeps neither.
    page.node.delete(PDFName.of('Annots'))
    page.node.delete(PDFName.of('StructParents'))
  }
  const boxes = pages.map((page, index) => ({left: embedBox(page, trims[index] as Rect, bleed, 'left'), right: embedBox(page, trims[index] as Rect, bleed, 'right')}))
  const used = new Map<string, number>()
  const wanted = order.flatMap((side) => [
    ...(side.left === undefined ? [] : [{page: side.left, half: 'left' as const}]),
    ...(side.right === undefined ? [] : [{page: side.right, half: 'right' as const}])
  ])
  // A page without content (a blank pdf-lib inserted) is left blank on the sheet.
  const hasContent = (index: number): boolean => pages[index]?.node.Contents() !== undefined
  const unique = [...new Map(wanted.filter((entry) => hasContent(entry.page)).map((entry) => [`${entry.page}:${entry.half}`, entry])).values()]
  const embedded = await output.embedPages(
    unique.map((entry) => pages[entry.page] as PDFPage),
    unique.map((entry) => boxes[entry.page]?.[entry.half]),
    unique.map(() => [1, 0, 0, 1, 0, 0])
  )
  unique.forEach((entry, index) => used.set(`${entry.page}:${entry.half}`, index))

  const pairTrim: Rect = {x: (sheet.width - 2 * trim.width) / 2, y: (sheet.height - trim.height) / 2, width: 2 * trim.width, height: trim.height}
  const spine = pairTrim.x + trim.width
  for (const side of order) {
    const page = output.addPage([sheet.width, sheet.height])
    const shift = mmToPt(creepShiftMm(side.sheet, sheets, creepMm))
    const draw: string[] = []
    for (const half of ['left', 'right'] as const) {
      const index = side[half]
      if (index === undefined) continue
      const xObject = embedded[used.get(`${index}:${half}`) ?? -1]
      if (!xObject) continue
      // Named by hand: pdf-lib's newXObject() adds a random suffix, and the same input should give the same bytes.
      const name = PDFName.of(`P${index + 1}`)
      page.node.setXObject(name, xObject.ref)
      const source = trims[index] as Rect
      // The page's trim lands in its half, moved toward the spine by the creep.
      const x = half === 'left' ? spine - trim.width + shift : spine - shift
      const cell = half === 'left'
        ? {x: pairTrim.x - bleed, y: pairTrim.y - bleed, width: spine - pairTrim.x + bleed, height: trim.height + 2 * bleed}
        : {x: spine, y: pairTrim.y - bleed, width: trim.width + bleed, height: trim.height + 2 * bleed}
      draw.push(
        `q ${[cell.x, cell.y, cell.width, cell.height].map(pdfNumber).join(' ')} re W n ` +
          `1 0 0 1 ${pdfNumber(x - source.x)} ${pdfNumber(pairTrim.y - source.y)} cm ${name.toString()} Do Q`
      )
    }
    if (draw.length > 0) appendContent(output, page, `${draw.join('\n')}\n`)
    setBox(page, 'TrimBox', pairTrim)
    setBox(page, 'BleedBox', grow(pairTrim, bleed))
    if (marks === 'crop') drawMarks(output, page, [...cropMarkLines(pairTrim, bleedMm), ...foldMarkLines(pairTrim, spine, bleedMm)])
  }
  const title = source.getTitle()
  if (title) output.setTitle(title)
  const author = source.getAuthor()
  if (author) output.setAuthor(author)
  output.setCreator('paiban')
  const creation = source.getCreationDate()
  if (creation) {
    output.setCreationDate(creation)
    output.setModificationDate(source.getModificationDate() ?? creation)
  }
  const producer = source.getProducer()
  if (producer) output.setProducer(producer)
  const language = source.catalog.lookup(PDFName.of('Lang'))
  if (language) output.catalog.set(PDFName.of('Lang'), language)

  const warnings: string[] = []
  if (pages.length + blanksAdded > maxPages) {
    warnings.push(`${pages.length + blanksAdded} pages is more than a saddle stitch holds (${maxPages}): consider perfect binding, or raise --max-pages if the paper is thin`)
  }
  return {bytes: await savePdf(output, {objectStreams: false}), pageCount: pages.length, blanksAdded, sheets, sheet: sheetName, warnings}
}

/** The sheet in the orientation that holds the spread (landscape first), in points. */
function orientation(name: SheetName, spread: {width: number; height: number}): {width: number; height: number} | undefined {
  const size = sheetSizes[name]
  const long = mmToPt(size.widthMm)
  const short = mmToPt(size.heightMm)
  const fits = (width: number, height: number): boolean => spread.width <= width + 0.01 && spread.height <= height + 0.01
  if (fits(long, short)) return {width: long, height: short}
  if (fits(short, long)) return {width: short, height: long}
  return undefined
}

/**
 * What of a page goes on the sheet: its trim, plus bleed on the three sides
 * that are cut (not at the spine), as far as the page has content there.
 */
function embedBox(page: PDFPage, trim: Rect, bleed: number, half: 'left' | 'right'): {left: number; bottom: number; right: number; top: number} {
  const limit = readBox(page, 'BleedBox') ?? readBox(page, 'MediaBox') ?? trim
  const outer = (wanted: number, edge: number, direction: 1 | -1): number => (direction === 1 ? Math.min(wanted, edge) : Math.max(wanted, edge))
  const left = half === 'left' ? outer(trim.x - bleed, limit.x, -1) : trim.x
  const right = half === 'right' ? outer(trim.x + trim.width + bleed, limit.x + limit.width, 1) : trim.x + trim.width
  return {
    left: Math.min(left, trim.x),
    right: Math.max(right, trim.x + trim.width),
    bottom: Math.min(outer(trim.y - bleed, limit.y, -1), trim.y),
    top: Math.max(outer(trim.y + trim.height + bleed, limit.y + limit.height, 1), trim.y + trim.height)
  }
}

function mmText(rect: Rect): string {
  return `${Math.round(rect.width / mmToPt(1))} × ${Math.round(rect.height / mmToPt(1))} mm`
}
