/**
 * Character classes the normalize rules share. Definitions follow W3C clreq
 * and GB/T 15834 (see /work/shared/guides/typesetting.md §1).
 */

const hanPattern = /\p{Script=Han}/u

/** A Han character (汉字), including 〇. */
export function isHan(character: string | undefined): boolean {
  return character !== undefined && hanPattern.test(character)
}

/**
 * Full-width punctuation of Chinese text: CJK Symbols and Punctuation (minus
 * U+3000), full-width forms, and the marks that are full-width in zh-Hans
 * text although Unicode calls them ambiguous (“ ” ‘ ’ — … ·).
 */
const fullWidthPunctuationPattern = /[\u3001-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65\u2018\u2019\u201C\u201D\u2014\u2015\u2026\u00B7\u2E3A]/u

export function isFullWidthPunctuation(character: string | undefined): boolean {
  return character !== undefined && fullWidthPunctuationPattern.test(character)
}

/** Han text or its punctuation: the side of a mark that makes it Chinese. */
export function isHanSide(character: string | undefined): boolean {
  return isHan(character) || isFullWidthPunctuation(character)
}

/** Latin letters and digits of any script other than Han (A5, 2026, café). */
export function isLatin(character: string | undefined): boolean {
  return character !== undefined && /[\p{L}\p{N}]/u.test(character) && !isHan(character)
}

export function isDigit(character: string | undefined): boolean {
  return character !== undefined && character >= '0' && character <= '9'
}

/** Spaces the rules remove or normalize (not line feeds between paragraphs). */
export function isSpace(character: string | undefined): boolean {
  return character !== undefined && /[ \t\n\u3000\u2000-\u200A\u205F\u1680]/u.test(character)
}

/** No-break spaces: Word and web pages put them where a space was not wanted. */
export const noBreakSpaces = '\u00A0\u202F\u2007'

/** Invisible characters with no typographic job in our texts. */
export const zeroWidthCharacters = '\u200B\u200C\u200D\u2060\uFEFF\u00AD'

/**
 * Stands for a node the rules must not edit or see into (inline code,
 * images, HTML, hard breaks) when a block's text is flattened.
 */
export const placeholder = '\uFFFC'

/** Han numerals as used in outline numbering and enumerations (一 … 九十九). */
export const hanNumeralClass = '一二三四五六七八九十'

/** Value of a Han numeral up to 九十九, or undefined. */
export function parseHanNumeral(numeral: string): number | undefined {
  const digits = '一二三四五六七八九'
  if (numeral.length === 1) {
    if (numeral === '十') return 10
    const value = digits.indexOf(numeral) + 1
    return value > 0 ? value : undefined
  }
  const match = /^([一二三四五六七八九]?)十([一二三四五六七八九]?)$/u.exec(numeral)
  if (!match) return undefined
  const tens = match[1] ? digits.indexOf(match[1]) + 1 : 1
  const ones = match[2] ? digits.indexOf(match[2]) + 1 : 0
  return tens * 10 + ones
}

/** Opening and closing marks that must pair up inside a paragraph. */
export const pairedMarks: ReadonlyMap<string, string> = new Map([
  ['“', '”'], ['‘', '’'], ['（', '）'], ['《', '》'], ['〈', '〉'], ['【', '】'],
  ['「', '」'], ['『', '』'], ['〔', '〕'], ['〖', '〗'], ['［', '］'], ['｛', '｝']
])

export const closingMarks: ReadonlyMap<string, string> = new Map([...pairedMarks].map(([open, close]) => [close, open]))

/** Marks that end a sentence (句末点号). */
export function isSentenceEnd(character: string | undefined): boolean {
  return character === '。' || character === '！' || character === '？'
}

/**
 * Index just past the first sentence of `text` that ends at quote/bracket
 * depth 0 (a 。 inside “…” or 《…》 ends no sentence), or -1. A run of end
 * marks (？！) belongs to the sentence. With `stops`, only those marks count.
 */
export function firstSentenceEnd(text: string, from = 0, stops: (character: string) => boolean = isSentenceEnd): number {
  let depth = 0
  for (let index = from; index < text.length; index++) {
    const character = text[index] ?? ''
    if (pairedMarks.has(character)) depth++
    else if (closingMarks.has(character)) depth = Math.max(0, depth - 1)
    else if (depth === 0 && stops(character)) {
      let end = index + 1
      while (end < text.length && isSentenceEnd(text[end])) end++
      return end
    }
  }
  return -1
}

/**
 * Ranges no rule may touch: URLs, e-mail addresses, file paths, backtick
 * spans — code in a plain text, and literal backticks in Markdown text,
 * which is what the plain text's code becomes once written (so a second run
 * agrees) — and the inside of a quotation in a Latin-script language
 * ("To be, or not to be"): its punctuation is that language's. Returned as a
 * per-character mask.
 */
export function protectedMask(text: string): boolean[] {
  const mask = Array.from({length: text.length}, (_, index) => text[index] === placeholder)
  const patterns = [
    // Scheme URLs and www. hosts, up to a space, Han text or full-width punctuation.
    /\b(?:[a-z][a-z\d+.-]*:\/\/|www\.)[^\s\p{Script=Han}\u3000-\u303F\uFF01-\uFF65“”‘’]+/giu,
    /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu,
    /`[^`\n]+`/gu,
    // Windows paths (C:\Users\…) and paths of two or more segments (/etc/paiban/x.yaml, ./src/a.ts, ~/文档/a).
    /\b[A-Za-z]:\\[^\s，。；：！？、“”‘’（）《》]*/gu,
    /(?<![\w/.~-])(?:~|\.{1,2})?(?:\/[\p{L}\p{N}_.@%+~-]+){2,}\/?/gu
  ]
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      for (let index = match.index; index < match.index + match[0].length; index++) mask[index] = true
    }
  }
  // A quotation with Latin letters and no Han text: its inside keeps its own punctuation.
  for (const match of text.matchAll(/"([^"\n]*)"|“([^“”\n]*)”|‘([^‘’\n]*)’/gu)) {
    const inside = match[1] ?? match[2] ?? match[3] ?? ''
    if (!/[A-Za-z]{2}/u.test(inside) || /\p{Script=Han}/u.test(inside)) continue
    for (let index = match.index + 1; index < match.index + match[0].length - 1; index++) mask[index] = true
  }
  return mask
}
