import type {ParsedDocument} from '../../model/parse.js'
import type {CheckFinding} from '../index.js'
import type {SourceBlock} from '../source-text.js'

/** Where the output lost (or reordered) part of the source. */
export interface LostText {
  block: SourceBlock
  /** The longest start of the block the output holds at one place, and what follows it. */
  found: string
  missing: string
  /** Index into the output where the search stood. */
  at: number
}

const han = /\p{Script=Han}/u

/**
 * Match `text` at `start` allowing the output to add characters that are not
 * Han (list numbers, footnote marks, hyphens): returns the end, or how far it got.
 */
function matchAt(output: string, text: string, start: number): {end: number; matched: number} {
  let i = start
  let j = 0
  while (j < text.length && i < output.length) {
    if (output[i] === text[j]) {
      i++
      j++
    } else if (han.test(output[i] ?? '')) {
      break
    } else {
      i++
    }
  }
  return {end: j === text.length ? i : -1, matched: j}
}

/**
 * Find the first block of the source that the output does not hold, in order.
 * A block must appear after the previous one, each of its characters in
 * sequence; the output may add only characters that are not Han inside it.
 */
export function findLostText(blocks: SourceBlock[], output: string): LostText | undefined {
  let cursor = 0
  for (const block of blocks) {
    const exact = output.indexOf(block.text, cursor)
    if (exact !== -1) {
      cursor = exact + block.text.length
      continue
    }
    let best = 0
    let end = -1
    const first = block.text[0] ?? ''
    for (let candidate = output.indexOf(first, cursor); candidate !== -1; candidate = output.indexOf(first, candidate + 1)) {
      const result = matchAt(output, block.text, candidate)
      if (result.end !== -1) {
        end = result.end
        break
      }
      best = Math.max(best, result.matched)
    }
    if (end === -1) {
      return {block, found: block.text.slice(Math.max(0, best - 8), best), missing: block.text.slice(best, best + 16), at: cursor}
    }
    cursor = end
  }
  return undefined
}

/** The finding for text an output lost: `where` names the output (PDF, Word copy). */
export function lostFinding(document: ParsedDocument, lost: LostText, where: string, page?: number): CheckFinding {
  return {
    ruleId: 'lost-text',
    reason: `Text missing from the ${where}: “${lost.found}” is followed by something other than “${lost.missing}”`,
    place: `${document.file.path}:${lost.block.line ?? 1}:${lost.block.column ?? 1}`,
    ...(page === undefined ? {} : {page})
  }
}
