import {PDFArray, PDFNumber, type PDFPage} from 'pdf-lib'

/** Lengths the press step works in: millimetres from the user, points in the PDF. */
export const pointsPerMm = 72 / 25.4

export function mmToPt(mm: number): number {
  return mm * pointsPerMm
}

/** A rectangle in PDF points, lower-left corner and size. */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export type {SizeMm} from './sheets.js'
export {sheetNames, sheetSizes, type SheetName} from './sheets.js'

/** A page box as written (not inherited, no fallback), or undefined. */
export function readBox(page: PDFPage, name: 'MediaBox' | 'CropBox' | 'BleedBox' | 'TrimBox'): Rect | undefined {
  const array = name === 'MediaBox' ? page.node.MediaBox() : name === 'CropBox' ? page.node.CropBox() : name === 'BleedBox' ? page.node.BleedBox() : page.node.TrimBox()
  return array instanceof PDFArray ? rectOf(array) : undefined
}

function rectOf(array: PDFArray): Rect | undefined {
  const values = array.asArray().map((value) => (value instanceof PDFNumber ? value.asNumber() : Number.NaN))
  const [x1, y1, x2, y2] = values
  if (values.length !== 4 || values.some(Number.isNaN) || x1 === undefined || y1 === undefined || x2 === undefined || y2 === undefined) return undefined
  return {x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1)}
}

/** The page's trim: its TrimBox, else its MediaBox (which paiban's reading PDF sets to the nominal size). */
export function trimOf(page: PDFPage): Rect {
  const media = readBox(page, 'MediaBox') ?? {x: 0, y: 0, width: page.getWidth(), height: page.getHeight()}
  return readBox(page, 'TrimBox') ?? media
}

export function grow(rect: Rect, by: number): Rect {
  return {x: rect.x - by, y: rect.y - by, width: rect.width + 2 * by, height: rect.height + 2 * by}
}

export function setBox(page: PDFPage, name: 'MediaBox' | 'BleedBox' | 'TrimBox', rect: Rect): void {
  if (name === 'MediaBox') page.setMediaBox(rect.x, rect.y, rect.width, rect.height)
  else if (name === 'BleedBox') page.setBleedBox(rect.x, rect.y, rect.width, rect.height)
  else page.setTrimBox(rect.x, rect.y, rect.width, rect.height)
}
