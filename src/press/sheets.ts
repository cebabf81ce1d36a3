/**
 * Press sheet sizes, apart from the PDF geometry so that option parsing
 * (and every template load) does not load pdf-lib.
 */
export interface SizeMm {
  widthMm: number
  heightMm: number
}

/** Press sheets, long side first (ISO 216; SRA3 from ISO 217). */
export const sheetSizes = {
  A4: {widthMm: 297, heightMm: 210},
  A3: {widthMm: 420, heightMm: 297},
  SRA3: {widthMm: 450, heightMm: 320}
} as const satisfies Record<string, SizeMm>

export type SheetName = keyof typeof sheetSizes

export const sheetNames = Object.keys(sheetSizes) as SheetName[]

