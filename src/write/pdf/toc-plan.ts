import type {BuildContext} from '../../context.js'
import {tocEntries} from '../../model/outline.js'
import type {TocNumbers} from '../html/page.js'
import {estimateHeadingPages} from './page-estimate.js'

/*
 * The 目录 is printed while the body prints, before anyone knows its page
 * numbers: each number is a placeholder of as many zeros as the largest
 * number is expected to have digits (page-estimate.ts), in a column that
 * wide, and the ten digits are set once more, white, so that the print
 * holds their glyphs. Once the body is printed, writeTocNumbers() puts the
 * real numbers in place of the placeholders, right-aligned as Chromium
 * would have set them, and takes the white digits out. If the guess was
 * wrong or the print is not as expected, the 目录 is printed again with its
 * numbers: the same page, the same column, one print later.
 */

/** The 目录 to print before the body's numbers are known. */
export interface TocPlan {
  numbers: TocNumbers
  /** What stands in each number's place: zeros, as many as the column has digits. */
  placeholder: string
}

export function planTocNumbers(context: BuildContext): TocPlan {
  const entries = tocEntries(context.document.outline, context.template.toc.depth)
  const estimated = estimateHeadingPages(context)
  const largest = Math.max(1, ...entries.map((entry) => estimated.get(entry.id) ?? 1))
  const digits = String(largest).length
  const placeholder = '0'.repeat(digits)
  return {numbers: {digits, text: new Map(entries.map((entry) => [entry.id, placeholder])), digitCarrier: true}, placeholder}
}

/** The 目录's numbers once the body is printed: each heading's page, in a column as wide as the longest. */
export function finalTocNumbers(context: BuildContext, headingPages: ReadonlyMap<string, number>): TocNumbers {
  const entries = tocEntries(context.document.outline, context.template.toc.depth)
  const text = new Map(entries.map((entry) => [entry.id, String(headingPages.get(entry.id) ?? '')]))
  return {digits: Math.max(1, ...[...text.values()].map((number) => number.length)), text, digitCarrier: false}
}

/** The numbers in 目录 order. */
export function numbersInOrder(context: BuildContext, numbers: TocNumbers): string[] {
  return tocEntries(context.document.outline, context.template.toc.depth).map((entry) => numbers.text.get(entry.id) ?? '')
}
