import type {ResolvedTemplate} from '../../template/resolve.js'
import {toTwips} from './units.js'

/**
 * The document grid of a template that fixes lines per page and characters
 * per line (GB/T 9704: 22 × 28), in Word's terms: `w:docGrid` of type
 * linesAndChars. Word divides the type height into `linesPerPage` pitches
 * (225 mm / 22 → 579 twips, 28.95 pt) and adds `charSpace` / 4096 pt to each
 * character of the Normal size (16 pt − 0.207 pt → 28 in 156 mm).
 */
export interface WordGrid {
  linePitchTwips: number
  /** Extra pitch per character over the Normal font size, in 1/4096 pt (negative: tighter). */
  charSpace: number
}

export function wordGrid(template: ResolvedTemplate): WordGrid | undefined {
  const {grid, page, body} = template
  if (!grid) return undefined
  const typeHeightTwips = toTwips(page.heightMm - page.margin.topMm - page.margin.bottomMm)
  // Whole twips, rounded down: 22 pitches must fit in the type height.
  const linePitchTwips = Math.floor(typeHeightTwips / grid.linesPerPage)
  const charSpace = Math.round((grid.charPitchPt - body.sizePt) * 4096)
  return {linePitchTwips, charSpace}
}
