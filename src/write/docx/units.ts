/**
 * Word's units, which exist only inside write/docx: the template speaks mm and pt.
 * A twip is 1/20 pt (1/1440 inch); a half-point is Word's unit of type size.
 */

const twipsPerInch = 1440
const mmPerInch = 25.4

/** Millimetres to twips, rounded to whole twips as WordprocessingML requires. */
export function toTwips(mm: number): number {
  return Math.round((mm / mmPerInch) * twipsPerInch)
}

/** Points to twips. */
export function pointsToTwips(pt: number): number {
  return Math.round(pt * 20)
}

/** Points to half-points (`w:sz`): 10.5 pt (五号) is 21. */
export function toHalfPoints(pt: number): number {
  return Math.round(pt * 2)
}

/**
 * Line pitch of text set at `sizePt` with a CSS-like `lineHeight` factor, in twips.
 * Used as an "at least" line spacing so Word keeps the PDF's pitch for text yet
 * lets a taller line (an inline image, a bigger run) grow instead of being clipped.
 */
export function linePitchTwips(sizePt: number, lineHeight: number): number {
  return pointsToTwips(sizePt * lineHeight)
}

/** docx sizes images in pixels at 96 per inch; a pixel is 15 twips. */
export function twipsToPixels(twips: number): number {
  return Math.floor(twips / 15)
}
