import {hanNumeralClass, isDigit, isHan, isHanSide, isLatin, isSpace, protectedMask} from './characters.js'
import type {Edit, RuleContext} from './tracked-text.js'

/**
 * Punctuation rules (GB/T 15834): Chinese text takes full-width marks. A
 * half-width mark is Chinese when Han text is on its side; numbers
 * (1,234.5, 12.8%, 3:00, 010-12345678), URLs, e-mail addresses and code keep
 * theirs, and so do Latin phrases ("Node.js", "Hello, world").
 */

const fullWidthOf: Readonly<Record<string, string>> = {',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '.': '。'}

/** Closing marks after which a `.` ends a Chinese sentence: 他说“好”. */
const closingFullWidth = '”’）》」』】〕〗'

/** `...`, `。。。`, a lone `…` in Chinese text → `……` (two ellipses, GB/T 15834 §4.11). */
export function fixEllipses(text: string, context: RuleContext): Edit[] {
  const edits: Edit[] = []
  const locked = protectedMask(text)
  for (const match of text.matchAll(/\.{3,}|．{3,}|。{3,}|…+/gu)) {
    const run = match[0]
    const start = match.index
    const end = start + run.length
    if (locked[start] === true || run === '……') continue
    if (run.startsWith('…') && run.length !== 1) continue // ………… is a deliberate long omission
    const chinese = run.startsWith('。') || isHanSide(nonSpaceBefore(text, start)) || isHanSide(nonSpaceAfter(text, end))
    if (!chinese) continue
    edits.push({start, end, insert: '……', ruleId: 'ellipsis', reason: `Unexpected \`${run}\`, expected \`……\``})
  }
  return edits
}

/** `, ; : ? ! .` and `( )` next to Han text → `，；：？！。（）`. */
export function fixHalfWidthPunctuation(text: string, context: RuleContext): Edit[] {
  const edits: Edit[] = []
  const locked = protectedMask(text)
  // 一.总则: a Han numeral with a full stop is outline numbering typed as 一、.
  const numeral = new RegExp(`^[${hanNumeralClass}]+\\.(?=\\p{Script=Han})`, 'u').exec(text)
  if (numeral) {
    const index = numeral[0].length - 1
    edits.push({start: index, end: index + 1, insert: '、', ruleId: 'halfwidth-punctuation', reason: 'Unexpected `.` after a Han numeral, expected `、`'})
  }
  for (let index = 0; index < text.length; index++) {
    const character = text[index] ?? ''
    const fullWidth = fullWidthOf[character]
    if (fullWidth === undefined || locked[index] === true) continue
    if (numeral && index === numeral[0].length - 1) continue
    if (!isChineseMark(text, index)) continue
    edits.push({start: index, end: index + 1, insert: fullWidth, ruleId: 'halfwidth-punctuation', reason: `Unexpected half-width \`${character}\` in Chinese text, expected \`${fullWidth}\``})
  }
  edits.push(...fixParentheses(text, locked))
  return edits
}

function isChineseMark(text: string, index: number): boolean {
  const character = text[index]
  if (character === '.') {
    // A full stop only after Han text or a closing mark, and only where a sentence can end.
    const before = text[index - 1]
    const after = text[index + 1]
    const endsSentence = after === undefined || isSpace(after) || isHanSide(after) || after === '"' || after === '\''
    if ((isHan(before) || (before !== undefined && closingFullWidth.includes(before))) && endsSentence) return true
    // 电话010-12345678. at the end of a paragraph: a number that Han text leads into.
    return isDigit(before) && (after === undefined || isSpace(after)) && isHanSide(text[numberStart(text, index) - 1])
  }
  // A run of marks (`?!`, `,,`) is Chinese as a whole: look past it.
  const before = nonSpaceBefore(text, index, ',;:?!')
  const after = nonSpaceAfter(text, index + 1, ',;:?!')
  return isHanSide(before) || isHanSide(after)
}

/** Start of the number (digits and . , - % separators) that ends before `index`. */
function numberStart(text: string, index: number): number {
  let start = index
  while (start > 0 && /[\d.,%\-]/u.test(text[start - 1] ?? '')) start--
  return start
}

/** Paired `( )` whose content or surroundings are Chinese. */
function fixParentheses(text: string, locked: readonly boolean[]): Edit[] {
  const edits: Edit[] = []
  const open: number[] = []
  for (let index = 0; index < text.length; index++) {
    if (locked[index] === true) continue
    if (text[index] === '(') open.push(index)
    else if (text[index] === ')') {
      const start = open.pop()
      if (start === undefined) continue
      const content = text.slice(start + 1, index)
      const chinese = [...content].some((character) => isHanSide(character)) ||
        isHanSide(nonSpaceBefore(text, start)) || isHanSide(nonSpaceAfter(text, index + 1))
      if (!chinese) continue
      edits.push(
        {start, end: start + 1, insert: '（', ruleId: 'halfwidth-punctuation', reason: 'Unexpected half-width `(` in Chinese text, expected `（`'},
        {start: index, end: index + 1, insert: '）', ruleId: 'halfwidth-punctuation', reason: 'Unexpected half-width `)` in Chinese text, expected `）`'}
      )
    }
  }
  return edits
}

/**
 * Straight quotes around Chinese text → “ ” and ‘ ’, paired in order. With
 * an odd count the pairing is a guess, so nothing is changed and lint
 * reports the unbalanced quote. An apostrophe (don't) is no quote.
 */
export function fixStraightQuotes(text: string, context: RuleContext): Edit[] {
  const edits: Edit[] = []
  const locked = protectedMask(text)
  const pairs: Array<[string, string, string]> = [['"', '“', '”'], ['\'', '‘', '’']]
  for (const [straight, opening, closing] of pairs) {
    const marks: number[] = []
    for (let index = 0; index < text.length; index++) {
      if (text[index] !== straight || locked[index] === true) continue
      if (straight === '\'' && isLatin(text[index - 1]) && isLatin(text[index + 1])) continue
      marks.push(index)
    }
    if (marks.length % 2 === 1) continue
    for (let pair = 0; pair < marks.length; pair += 2) {
      const start = marks[pair] ?? 0
      const end = marks[pair + 1] ?? 0
      const content = text.slice(start + 1, end)
      const chinese = [...content].some((character) => isHanSide(character)) ||
        isHanSide(nonSpaceBefore(text, start)) || isHanSide(nonSpaceAfter(text, end + 1))
      if (!chinese) continue
      edits.push(
        {start, end: start + 1, insert: opening, ruleId: 'straight-quote', reason: `Unexpected straight quote \`${straight}\`, expected \`${opening}\``},
        {start: end, end: end + 1, insert: closing, ruleId: 'straight-quote', reason: `Unexpected straight quote \`${straight}\`, expected \`${closing}\``}
      )
    }
  }
  return edits
}

/** Nearest character before `index` that is not a space (nor one of `skip`). */
function nonSpaceBefore(text: string, index: number, skip = ''): string | undefined {
  for (let cursor = index - 1; cursor >= 0; cursor--) {
    const character = text[cursor] ?? ''
    if (!isSpace(character) && !skip.includes(character)) return character
  }
  return undefined
}

/** Nearest character from `index` on that is not a space (nor one of `skip`). */
function nonSpaceAfter(text: string, index: number, skip = ''): string | undefined {
  for (let cursor = index; cursor < text.length; cursor++) {
    const character = text[cursor] ?? ''
    if (!isSpace(character) && !skip.includes(character)) return character
  }
  return undefined
}
