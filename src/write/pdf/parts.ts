/*
 * A long body printed in two parts at once. Chromium lays out a document for
 * print on one thread of its renderer, and laying out is most of a long
 * print (×100: printing 10 of its 600 pages takes 90 % of the time all of
 * them take). Two documents in two tabs are laid out by two renderers, one
 * per core. The body is cut where a top-level section starts, and sections
 * start on a new page, so each part breaks its pages as the whole would.
 *
 * What the rest cannot know while it prints is how many pages come before
 * it: its page numbers, and which of its pages are left-hand ones. So it
 * prints with nothing in its margins and every page a right-hand page
 * (left and right pages have the same measure; only the text's place
 * differs). Its furniture (numbers and running heads), one named page per
 * page, prints with the cover and 目录, which wait for the page numbers
 * anyway; it is laid over the rest's pages, and the left-hand pages' text is
 * moved to the left-hand margins (join.ts). This module decides; it loads no
 * PDF code, so that it can run before the first print.
 */

/** Print in parts from this much body HTML (characters), about 400 A5 pages of the seed: below it, a second tab's load costs more than it saves. */
const partsFromWeight = 300_000

/**
 * Where to cut the body (the first top-level section of the rest), or
 * undefined to print it whole. `weights`: the length of each run's HTML, the
 * opening's first (html/index.ts). `PAIBAN_PRINT_IN_PARTS=always` cuts any
 * body of two sections or more, `never` none (tests, and the bench's A/B runs).
 */
export function partCut(weights: readonly number[], cores: number): number | undefined {
  const mode = process.env['PAIBAN_PRINT_IN_PARTS']
  const sections = weights.length - 1
  const total = weights.reduce((sum, weight) => sum + weight, 0)
  if (mode === 'never' || sections < 2) return undefined
  if (mode !== 'always' && (cores < 2 || total < partsFromWeight)) return undefined
  // The cut that makes the two parts nearest in weight; the title and opening stay in the first.
  let best: number | undefined
  let bestDifference = Infinity
  let before = weights[0] ?? 0
  for (let cut = 1; cut < weights.length - 1; cut++) {
    before += weights[cut] ?? 0
    const difference = Math.abs(2 * before - total)
    if (difference < bestDifference) {
      best = cut
      bestDifference = difference
    }
  }
  return best
}

/**
 * How far a left-hand page's text sits right of a right-hand page's, in
 * points (negative: left). Chromium places a page's content at its left
 * margin rounded to whole CSS pixels (17.875 mm = 67.56 px is set at 68 px,
 * 51 pt), so the shift is the rounded margins' difference, not the margins'.
 */
export function leftPageShiftPt(page: {twoSided: boolean; margin: {insideMm: number; outsideMm: number}}): number {
  if (!page.twoSided) return 0
  const pixels = (mm: number): number => Math.round((mm / 25.4) * 96)
  return (pixels(page.margin.outsideMm) - pixels(page.margin.insideMm)) * 0.75
}
