import {
  isFullWidthPunctuation,
  isHan,
  isHanSide,
  isLatin,
  noBreakSpaces,
  protectedMask,
  zeroWidthCharacters
} from './characters.js'
import type {Edit, RuleContext} from './tracked-text.js'

/**
 * Spacing rules. Chinese text has no spaces between words; spaces in our
 * sources are leftovers of Word layout (ideographic-space indentation,
 * spaced-out short titles), web copies (no-break spaces) or typing. The
 * template does all the spacing the page needs (indent, Han–Latin gap via
 * `text-autospace`), so the source carries none (typesetting.md §1).
 */

/** Zero-width characters are invisible in the editor and break search and glyph checks. */
export function removeZeroWidth(text: string): Edit[] {
  const edits: Edit[] = []
  for (let index = 0; index < text.length; index++) {
    const character = text[index] ?? ''
    if (!zeroWidthCharacters.includes(character)) continue
    edits.push({start: index, end: index + 1, insert: '', ruleId: 'zero-width-character', reason: `Unexpected invisible character ${codePoint(character)}, remove it`})
  }
  return edits
}

/**
 * No-break spaces: removed in Chinese text; between two Latin words or
 * numbers (where a space belongs) they become an ordinary space.
 */
export function fixNoBreakSpaces(text: string): Edit[] {
  const edits: Edit[] = []
  for (const match of text.matchAll(new RegExp(`[${noBreakSpaces}]+`, 'gu'))) {
    const start = match.index
    const end = start + match[0].length
    const before = text[start - 1]
    const after = text[end]
    const between = isLatin(before) && isLatin(after)
    edits.push({
      start,
      end,
      insert: between ? ' ' : '',
      ruleId: 'no-break-space',
      reason: `Unexpected no-break space ${codePoint(match[0][0] ?? '')}, ${between ? 'expected an ordinary space' : 'remove it'}`
    })
  }
  return edits
}

/** `第一章`, `第十二条`, `第一部分`: the label is followed by one ideographic space (GB/T 9704 practice for 章/节/条). */
export const labelPattern = /^第[零〇一二三四五六七八九十百千\d]+(?:部分|[章节条])/u

/** Outline numbering at the start of a block: 一、 （一） 1. 1． （1）. */
const numberingPattern = /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}[.．、]|（\d{1,2}）)/u

/** Spaces the rules remove or normalize (a line break occurs inside Markdown paragraphs only). */
const spaceClass = ' \\t\\n\\u3000\\u2000-\\u200A\\u205F\\u1680'

/** Stray spaces: indentation, trailing, inside Han text, around full-width punctuation, Han–Latin (by policy). */
export function fixStraySpaces(text: string, context: RuleContext): Edit[] {
  const edits: Edit[] = []
  const locked = protectedMask(text)
  // Indentation is removed in this same pass, so the label is looked for after it.
  const indent = new RegExp(`^[${spaceClass}]*`, 'u').exec(text)?.[0].length ?? 0
  const labelLength = labelPattern.exec(text.slice(indent))?.[0].length
  const numberingLength = numberingPattern.exec(text.slice(indent))?.[0].length
  const label = labelLength === undefined ? undefined : indent + labelLength
  const numbering = numberingLength === undefined ? undefined : indent + numberingLength
  for (const match of text.matchAll(new RegExp(`[${spaceClass}]+`, 'gu'))) {
    const run = match[0]
    const start = match.index
    const end = start + run.length
    const before = text[start - 1]
    const after = text[end]
    const remove = (reason: string, ruleId = 'stray-space'): void => {
      edits.push({start, end, insert: '', ruleId, reason})
    }
    if (start === 0) {
      remove(`Unexpected indentation (${describeSpace(run)}), remove it: the template indents paragraphs`)
      continue
    }
    if (end === text.length) {
      remove(`Unexpected trailing ${describeSpace(run)}, remove it`)
      continue
    }
    if (start === label) {
      if (run !== '\u3000') {
        edits.push({start, end, insert: '\u3000', ruleId: 'stray-space', reason: `Unexpected ${describeSpace(run)} after \`${text.slice(indent, start)}\`, expected one ideographic space`})
      }
      continue
    }
    // A space next to a URL or e-mail address keeps it apart from the text.
    if (locked[start - 1] === true || locked[end] === true) continue
    if (start === numbering && isHanSide(after)) {
      remove(`Unexpected ${describeSpace(run)} after the numbering \`${text.slice(indent, start)}\`, remove it`)
      continue
    }
    if (isFullWidthPunctuation(before) || isFullWidthPunctuation(after)) {
      const mark = isFullWidthPunctuation(before) ? before : after
      remove(`Unexpected ${describeSpace(run)} next to \`${mark ?? ''}\`, remove it`)
      continue
    }
    if (isHan(before) && isHan(after)) {
      remove(`Unexpected ${describeSpace(run)} between Han characters, remove it`)
      continue
    }
    if ((isHan(before) && isLatin(after)) || (isLatin(before) && isHan(after))) {
      if (context.hanLatinSpace === 'remove') {
        remove(`Unexpected ${describeSpace(run)} between Han and Latin text, remove it: the template adds the gap`, 'han-latin-space')
      }
      continue
    }
    // Elsewhere (between Latin words) one ordinary space; a soft line break of Markdown stays.
    if (run !== ' ' && run !== '\n') {
      edits.push({start, end, insert: ' ', ruleId: 'stray-space', reason: `Unexpected ${describeSpace(run)}, expected one space`})
    }
  }
  return edits
}

/** "space", "3 spaces", "ideographic space U+3000", "line break" — for messages. */
export function describeSpace(run: string): string {
  const kinds = new Set([...run].map((character) =>
    character === ' ' ? 'space' : character === '\t' ? 'tab' : character === '\n' ? 'line break' : character === '\u3000' ? 'ideographic space U+3000' : `space ${codePoint(character)}`))
  if (kinds.size === 1) {
    const [kind] = kinds
    return run.length === 1 ? kind ?? 'space' : `${run.length} × ${kind ?? 'space'}`
  }
  return `spaces (${[...kinds].join(', ')})`
}

function codePoint(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
}
