import type {Heading, Root} from 'mdast'
import {isSentenceEnd} from './characters.js'
import {originsUnder, plainText} from './phrasing.js'
import {report, type NormalizeState} from './report.js'
import {closingFormulas} from './official.js'
import {numberingValue, outlineNumbering, type OutlineStyle} from './structure.js'

/**
 * What the outline's numbering says that normalize must not fix: the levels
 * are mapped from the document as it is (structure.ts), and these findings
 * tell the writer where it departs from GB/T 9704-2012 §7.3.3 (一、（一）1.
 * （1）) or from itself.
 *
 * - `numbering-order`: a level skipped (1. right under 一、) or the order
 *   turned round (一、 under （一）); once per pair of styles.
 * - `numbering-sequence`: a heading that does not count on from its
 *   sibling (三、 after 一、), or a first sibling not numbered 1.
 * - `mixed-numbering`: one level written two ways (1. and 1、, （一） and ㈠).
 * - `ambiguous-heading`: a short line without numbering or final
 *   punctuation between paragraphs, which reads like a heading; it stays a
 *   paragraph.
 */
export function lintOutline(tree: Root, state: NormalizeState): void {
  const headings = tree.children.filter((node): node is Heading => node.type === 'heading')
  checkNumbering(headings, state)
  checkHeadingLikeParagraphs(tree, state)
}

/** GB/T 9704 order of the numbering styles; the labels 第…部分／章／节 stand above it. */
const rank: Readonly<Record<OutlineStyle, number>> = {part: 0, chapter: 1, section: 2, han: 3, 'paren-han': 4, arabic: 5, 'paren-arabic': 6, circled: 7}
const gbtOrder = '一、（一）1.（1）①'

interface Numbered {
  heading: Heading
  style: OutlineStyle
  /** The numbering as written (一、 （二） 3.). */
  numbering: string
  /** How it is written, for `mixed-numbering`: 1. / 1． / 1、 / ⒈, （一） / ㈠. */
  form: string
  value: number | undefined
}

function checkNumbering(headings: readonly Heading[], state: NormalizeState): void {
  const parents: Array<Numbered | undefined> = []
  const depthOf: Heading[] = []
  const lastChild = new Map<string, Numbered>()
  const pairs = new Set<string>()
  const forms = new Map<OutlineStyle, Numbered>()
  for (const heading of headings) {
    while (depthOf.length > 0 && (depthOf[depthOf.length - 1]?.depth ?? 0) >= heading.depth) {
      depthOf.pop()
      parents.pop()
    }
    const parent = parents[parents.length - 1]
    const parentIndex = depthOf.length > 0 ? headings.indexOf(depthOf[depthOf.length - 1] as Heading) : -1
    const numbered = numberedOf(heading)
    depthOf.push(heading)
    parents.push(numbered)
    if (!numbered) continue

    // Order against the parent heading's numbering, once per pair of styles.
    if (parent && !pairs.has(`${parent.style}>${numbered.style}`)) {
      pairs.add(`${parent.style}>${numbered.style}`)
      const inverted = rank[numbered.style] <= rank[parent.style]
      const skipped = rank[parent.style] >= rank.han ? rank[numbered.style] > rank[parent.style] + 1 : numbered.style !== 'han' && rank[numbered.style] > rank.han
      if (inverted || skipped) {
        flag(state, heading, 'numbering-order', inverted
          ? `Unexpected \`${numbered.numbering}\` under \`${parent.numbering}\`, expected the GB/T 9704 order ${gbtOrder}`
          : `Unexpected \`${numbered.numbering}\` right under \`${parent.numbering}\`, expected a level between them (GB/T 9704: ${gbtOrder})`)
      }
    }

    // Counting on from the previous sibling numbered the same way.
    const key = `${parentIndex}:${numbered.style}`
    const previous = lastChild.get(key)
    lastChild.set(key, numbered)
    if (numbered.value !== undefined) {
      const expected = previous?.value === undefined ? (previous ? undefined : 1) : previous.value + 1
      if (expected !== undefined && numbered.value !== expected) {
        flag(state, heading, 'numbering-sequence', previous
          ? `Unexpected \`${numbered.numbering}\` after \`${previous.numbering}\`, expected number ${expected}`
          : `Unexpected \`${numbered.numbering}\` as the first heading numbered this way here, expected number 1`)
      }
    }

    // One way of writing each style.
    const first = forms.get(numbered.style)
    if (!first) forms.set(numbered.style, numbered)
    else if (first.form !== numbered.form) {
      flag(state, heading, 'mixed-numbering', `Unexpected \`${numbered.numbering}\` written unlike \`${first.numbering}\` of the same level, expected one way of numbering`)
    }
  }
}

function numberedOf(heading: Heading): Numbered | undefined {
  const text = plainText(heading)
  const numbering = outlineNumbering(text)
  if (!numbering) return undefined
  const written = text.slice(0, numbering.length)
  return {heading, style: numbering.style, numbering: written, form: formOf(written), value: numberingValue(written)}
}

/** The separator or enclosure of a numbering, whatever its number. */
function formOf(numbering: string): string {
  if (/^[㈠-㈩⑴-⒇⒈-⒛①-⑳]$/u.test(numbering)) return 'enclosed'
  return numbering.replace(/[\d一二三四五六七八九十百千零〇]+/gu, 'N')
}

function flag(state: NormalizeState, heading: Heading, ruleId: string, reason: string): void {
  const origins = originsUnder(heading.children, state)
  const start = origins[0] ?? heading.position?.start.offset ?? 0
  report(state, {ruleId, reason, start, end: (origins[origins.length - 1] ?? start) + 1})
}

/** A line that reads like a heading: short, no numbering, no punctuation but 、 and quotes, between paragraphs. */
function checkHeadingLikeParagraphs(tree: Root, state: NormalizeState): void {
  tree.children.forEach((node, index) => {
    if (node.type !== 'paragraph' || index === 0) return
    const next = tree.children[index + 1]
    if (next?.type !== 'paragraph' && next?.type !== 'list') return
    // A signature above a date the 公文 rules did not take (2026年3月), a letter's 此致 / 敬礼.
    if (next.type === 'paragraph' && /^[\d〇一二三四五六七八九]{4}年/u.test(plainText(next))) return
    if (node.children.some((child) => child.type !== 'text')) return
    const text = plainText(node)
    if (!looksLikeHeading(text)) return
    const origins = originsUnder(node.children, state)
    report(state, {
      ruleId: 'ambiguous-heading',
      reason: `Unexpected short line \`${text}\` without numbering or final punctuation, kept as a paragraph: if it is a heading, write it as \`## ${text}\``,
      start: origins[0] ?? 0,
      end: (origins[origins.length - 1] ?? 0) + 1
    })
  })
}

function looksLikeHeading(text: string): boolean {
  if (text.length < 2 || text.length > 20 || outlineNumbering(text) || closingFormulas.test(text)) return false
  // Brackets round the whole line: a date line （2026年4月20日） or a note.
  if (/^[（(【〔].*[）)】〕]$/u.test(text)) return false
  // Only Han text, letters, digits, 、 and quotes or book-title marks.
  if (!/^[\p{Script=Han}\p{L}\p{N}、“”‘’《》·]+$/u.test(text)) return false
  return ![...text].some((character) => isSentenceEnd(character))
}
