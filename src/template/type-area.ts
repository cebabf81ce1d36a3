import type {Template} from './schema.js'

/*
 * The type area (版心) of a template's page, in points: the page less its
 * margins. Apart from resolve.ts so that the writers, the Word worker
 * included, get it without loading what resolving a template needs.
 */

const pointsPerMm = 72 / 25.4

/** Width: the page less its inside and outside margins. */
export function typeWidthPt(page: Template['page']): number {
  return (page.widthMm - page.margin.insideMm - page.margin.outsideMm) * pointsPerMm
}

/** Height: the page less its top and bottom margins. */
export function typeHeightPt(page: Template['page']): number {
  return (page.heightMm - page.margin.topMm - page.margin.bottomMm) * pointsPerMm
}
