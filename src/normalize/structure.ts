import type {Heading, Paragraph, Root, RootContent} from 'mdast'
import {firstSentenceEnd, hanNumeralClass, pairedMarks, closingMarks, parseHanNumeral} from './characters.js'
import {originsUnder, plainText, spanOf, splitPhrasing} from './phrasing.js'
import {enabled, report, type NormalizeState} from './report.js'

/**
 * Chinese outline numbering → heading levels. GB/T 9704 orders the levels
 * 一、 （一） 1. （1）; regulations use 第一章 / 第一节. Documents do not
 * always keep that order, so the levels are taken from the document: the
 * first numbering style seen becomes `##` (the title is the front matter's),
 * the next new style `###`, and so on — the same style is the same level
 * everywhere in the document.
 *
 * 第一条 (an article) is not a heading: it opens the article's paragraph.
 */

export type OutlineStyle = 'part' | 'chapter' | 'section' | 'han' | 'paren-han' | 'arabic' | 'paren-arabic' | 'circled'

const n = hanNumeralClass
const outlineStyles: ReadonlyArray<{style: OutlineStyle; pattern: RegExp}> = [
  {style: 'part', pattern: new RegExp(`^第[零〇${n}百千\\d]+部分`, 'u')},
  {style: 'chapter', pattern: new RegExp(`^第[零〇${n}百千\\d]+章`, 'u')},
  {style: 'section', pattern: new RegExp(`^第[零〇${n}百千\\d]+节`, 'u')},
  {style: 'han', pattern: new RegExp(`^[${n}]+、`, 'u')},
  // ㈠ ⑴ ⒈ are one-character forms of （一） （1） 1. that some input methods type.
  {style: 'paren-han', pattern: new RegExp(`^(?:（[${n}]+）|[㈠-㈩])`, 'u')},
  {style: 'arabic', pattern: /^(?:\d{1,2}(?:[.．](?![\d.．])|、)|[⒈-⒛])/u},
  {style: 'paren-arabic', pattern: /^(?:（\d{1,2}）|[⑴-⒇])/u},
  {style: 'circled', pattern: /^[①-⑳]/u}
]

/** The styles labelled 第…部分／章／节: a label, then the title. */
const labelStyles: ReadonlySet<OutlineStyle> = new Set(['part', 'chapter', 'section'])

/**
 * The outline numbering a text starts with, and its length. A label
 * (第一章) runs straight into its title only on a short line without
 * punctuation (第一章总则); "第一章讲的是…，…" is a sentence, not a heading.
 */
export function outlineNumbering(text: string): {style: OutlineStyle; length: number} | undefined {
  for (const {style, pattern} of outlineStyles) {
    const match = pattern.exec(text)
    if (!match) continue
    const next = text[match[0].length]
    if (labelStyles.has(style) && next !== undefined && !/[\s\u3000]/u.test(next) && (text.length > 20 || /[，。；：！？、]/u.test(text))) return undefined
    return {style, length: match[0].length}
  }
  return undefined
}

/** The number of an outline numbering (一、 → 1, （12） → 12, ③ → 3), if it has one. */
export function numberingValue(numbering: string): number | undefined {
  const enclosed = /[㈠-㈩⑴-⒇⒈-⒛①-⑳]/u.exec(numbering)?.[0]
  if (enclosed !== undefined) {
    const code = enclosed.codePointAt(0) ?? 0
    const first = code >= 0x3220 ? 0x3220 : code >= 0x2488 ? 0x2488 : code >= 0x2474 ? 0x2474 : 0x2460
    return code - first + 1
  }
  const digits = /\d+/u.exec(numbering)?.[0]
  if (digits !== undefined) return Number(digits)
  const han = new RegExp(`[${n}]+`, 'u').exec(numbering)?.[0]
  return han === undefined ? undefined : parseHanNumeral(han)
}

/**
 * How a numbered paragraph becomes a heading, if it does:
 * - no sentence end (一、充分认识…的重大意义; 第一章　总则): the whole line,
 *   unless it ends like a list item (，；：、);
 * - a first sentence and more text (一、要聚焦…抓实效。一要…): a run-in
 *   heading — the first sentence (with its 。) is the heading, the rest a
 *   new paragraph; a first sentence with ； is a list, not a heading;
 * - one sentence and nothing after (（二）重点修订内容。): a heading when it
 *   has no ，；： — "1.第一编“总则”，主要规定…。" is a numbered paragraph.
 */
export function headingExtent(text: string, numberingLength: number): {kind: 'whole'} | {kind: 'run-in'; end: number} | undefined {
  const end = firstSentenceEnd(text, numberingLength)
  if (end === -1) {
    const last = text[text.length - 1] ?? ''
    if (text.length <= numberingLength || '，；：、,;:'.includes(last)) return undefined
    return {kind: 'whole'}
  }
  const sentence = text.slice(numberingLength, end)
  if (text.slice(end).trim() !== '') {
    return hasTopLevel(sentence, '；') ? undefined : {kind: 'run-in', end}
  }
  return hasTopLevel(sentence, '，；：') ? undefined : {kind: 'whole'}
}

/** Whether one of `marks` occurs outside quotes and brackets. */
function hasTopLevel(text: string, marks: string): boolean {
  let depth = 0
  for (const character of text) {
    if (pairedMarks.has(character)) depth++
    else if (closingMarks.has(character)) depth = Math.max(0, depth - 1)
    else if (depth === 0 && marks.includes(character)) return true
  }
  return false
}

/**
 * Turn numbered paragraphs at the top level into headings, splitting
 * run-in headings off their paragraph.
 *
 * Adjacent paragraphs numbered alike are one list: if one of them cannot be
 * a heading, none becomes one — "（3）细化了…的具体表现。" after "（1）…；"
 * and "（2）…；" is the last list item, not a heading.
 *
 * A numbered line that would be a heading but for a `，` ("二、要聚焦“…”，
 * 下功夫、抓实效。" on a line of its own) is a heading when most lines
 * numbered the same way are headings — also in a run of adjacent lines, if
 * it is one of a few such. Otherwise it stays a paragraph, and when it
 * stands alone `ambiguous-heading` says so.
 */
export function applyOutline(tree: Root, state: NormalizeState): void {
  const candidates = headingCandidates(tree)
  resolveBySiblings(candidates, state)
  const depths = new Map<OutlineStyle, Heading['depth']>()
  const depthFor = (style: OutlineStyle): Heading['depth'] => {
    const known = depths.get(style)
    if (known !== undefined) return known
    const depth = headingDepth(Math.max(1, ...depths.values()) + 1)
    depths.set(style, depth)
    return depth
  }
  const whole = enabled(state, 'outline-heading')
  const runIn = enabled(state, 'run-in-heading')
  for (let index = 0; index < tree.children.length; index++) {
    const node = tree.children[index]
    if (node?.type === 'heading') checkHeadingDepth(node, depths, state)
    if (node?.type !== 'paragraph') continue
    // A paragraph split off a run-in heading just now was not seen before: judge it alone.
    const candidate = candidates.has(node) ? candidates.get(node) : candidateOf(plainText(node))
    const extent = candidate?.extent
    if (!candidate || !extent || !(extent.kind === 'whole' ? whole : runIn)) continue
    const depth = depthFor(candidate.style)
    const text = plainText(node)
    const replacement = extent.kind === 'whole'
      ? wholeHeading(node, depth, text, candidate.siblings, state)
      : runInHeading(node, depth, extent.end, state)
    if (replacement) tree.children.splice(index, 1, ...replacement)
  }
}

interface Candidate {
  style: OutlineStyle
  extent: ReturnType<typeof headingExtent>
  /** The line would be a whole heading but for a top-level `，` (see lenientExtent). */
  lenient: boolean
  /** No paragraph numbered the same way stands right before or after it. */
  alone: boolean
  /** Set when the line became a heading because this many lines numbered alike are headings. */
  siblings?: number
}

function candidateOf(text: string): Candidate | undefined {
  const numbering = outlineNumbering(text)
  if (!numbering) return undefined
  const extent = headingExtent(text, numbering.length)
  return {style: numbering.style, extent, lenient: extent === undefined && lenientExtent(text, numbering.length), alone: true}
}

/**
 * One sentence (or none) whose only obstacle to being a heading is a `，`
 * outside quotes: no `；` or `：`, not ending like a list item, short.
 */
function lenientExtent(text: string, numberingLength: number): boolean {
  const end = firstSentenceEnd(text, numberingLength)
  if (end !== -1 && text.slice(end).trim() !== '') return false
  const sentence = text.slice(numberingLength, end === -1 ? undefined : end)
  const last = text[text.length - 1] ?? ''
  return sentence.length > 0 && text.length <= 50 && !'，；：、,;:'.includes(last) && !hasTopLevel(sentence, '；：')
}

/** Numbered paragraphs and how each would become a heading, after the list and attachment rules. */
function headingCandidates(tree: Root): Map<Paragraph, Candidate | undefined> {
  const candidates = new Map<Paragraph, Candidate | undefined>()
  let attachmentNext: number | undefined
  let list: Array<{paragraph: Paragraph; candidate: Candidate}> = []
  const closeList = (): void => {
    if (list.length > 1) {
      for (const item of list) item.candidate.alone = false
      // Mostly headings, the others kept from it by a `，` only: headings that are
      // written unevenly, not a list (resolveBySiblings decides on those few).
      const failing = list.filter((item) => item.candidate.extent === undefined)
      const uneven = failing.every((item) => item.candidate.lenient) && failing.length * 2 < list.length
      if (failing.length > 0 && !uneven) {
        for (const item of list) candidates.set(item.paragraph, undefined)
      }
    }
    list = []
  }
  for (const node of tree.children) {
    if (node.type !== 'paragraph') {
      attachmentNext = undefined
      closeList()
      continue
    }
    const text = plainText(node)
    // 附件：1.…  2.…: the attachment list goes on without repeating 附件：.
    const attachment = /^附件[：:]\s*(\d+)[.．]/u.exec(text)
    if (attachment || (attachmentNext !== undefined && new RegExp(`^${attachmentNext}[.．]`, 'u').test(text))) {
      attachmentNext = attachment ? Number(attachment[1]) + 1 : (attachmentNext ?? 0) + 1
      candidates.set(node, undefined)
      closeList()
      continue
    }
    attachmentNext = undefined
    const candidate = candidateOf(text)
    candidates.set(node, candidate)
    if (!candidate || candidate.style !== list[0]?.candidate.style) closeList()
    if (candidate) list.push({paragraph: node, candidate})
  }
  closeList()
  return candidates
}

/** A lone line with a `，` follows the lines numbered like it: headings if most of them are. */
function resolveBySiblings(candidates: Map<Paragraph, Candidate | undefined>, state: NormalizeState): void {
  const all = [...candidates].flatMap(([paragraph, candidate]) => candidate ? [{paragraph, candidate}] : [])
  for (const {paragraph, candidate} of all) {
    if (!candidate.lenient) continue
    const alike = all.filter((other) => other.candidate !== candidate && other.candidate.style === candidate.style)
    const headings = alike.filter((other) => other.candidate.extent !== undefined).length
    if (headings >= 2 && headings * 2 > alike.length) {
      candidate.extent = {kind: 'whole'}
      candidate.siblings = headings
      continue
    }
    if (!candidate.alone) continue
    const text = plainText(paragraph)
    const origins = originsUnder(paragraph.children, state)
    report(state, {
      ruleId: 'ambiguous-heading',
      reason: `Unexpected \`，\` in numbered line \`${text}\`, kept as a paragraph: if it is a heading, write it as \`## ${text}\``,
      start: origins[0] ?? 0,
      end: (origins[origins.length - 1] ?? 0) + 1
    })
  }
}

function wholeHeading(paragraph: Paragraph, depth: Heading['depth'], text: string, siblings: number | undefined, state: NormalizeState): RootContent[] {
  const heading: Heading = {type: 'heading', depth, children: paragraph.children}
  if (paragraph.position) heading.position = paragraph.position
  const origins = originsUnder(paragraph.children, state)
  report(state, {
    ruleId: 'outline-heading',
    reason: siblings === undefined
      ? `Unexpected numbered line \`${text}\` as a paragraph, expected a level-${depth} heading`
      : `Unexpected numbered line \`${text}\` as a paragraph, expected a level-${depth} heading like the ${siblings} lines numbered alike (its \`，\` alone would make it a sentence)`,
    start: origins[0] ?? 0,
    end: (origins[origins.length - 1] ?? 0) + 1,
    actual: text,
    expected: `${'#'.repeat(depth)} ${text}`
  })
  return [heading]
}

function runInHeading(paragraph: Paragraph, depth: Heading['depth'], end: number, state: NormalizeState): RootContent[] | undefined {
  const parts = splitPhrasing(paragraph.children, end, state)
  if (!parts) return undefined
  const [headingChildren, rest] = parts
  const heading: Heading = {type: 'heading', depth, children: headingChildren}
  const headingSpan = spanOf(originsUnder(headingChildren, state), state)
  if (headingSpan) heading.position = headingSpan
  const body: Paragraph = {type: 'paragraph', children: rest}
  const bodySpan = spanOf(originsUnder(rest, state), state)
  if (bodySpan) body.position = bodySpan
  const sentence = plainText(heading)
  report(state, {
    ruleId: 'run-in-heading',
    reason: `Unexpected run-in heading \`${sentence}\`, expected a level-${depth} heading and a new paragraph`,
    start: headingSpan?.start.offset ?? 0,
    end: headingSpan?.end.offset,
    actual: sentence,
    expected: `${'#'.repeat(depth)} ${sentence}\n\n`
  })
  return [heading, body]
}

/** In Markdown input, the same numbering must keep the level it had first. */
function checkHeadingDepth(heading: Heading, depths: Map<OutlineStyle, Heading['depth']>, state: NormalizeState): void {
  const text = plainText(heading)
  const numbering = outlineNumbering(text)
  if (!numbering) return
  const known = depths.get(numbering.style)
  if (known === undefined) {
    depths.set(numbering.style, heading.depth)
    return
  }
  if (known === heading.depth || !enabled(state, 'heading-depth')) return
  const origins = originsUnder(heading.children, state)
  report(state, {
    ruleId: 'heading-depth',
    reason: `Unexpected level-${heading.depth} heading for numbering \`${text.slice(0, numbering.length)}\`, expected level ${known} like the first heading numbered this way`,
    start: heading.position?.start.offset ?? origins[0] ?? 0,
    end: (origins[origins.length - 1] ?? 0) + 1,
    actual: `${'#'.repeat(heading.depth)} `,
    expected: `${'#'.repeat(known)} `
  })
  heading.depth = known
}

/** Markdown has six heading levels; deeper numbering stays at the sixth. */
function headingDepth(value: number): Heading['depth'] {
  const depths = [1, 2, 3, 4, 5, 6] as const
  return depths[Math.min(5, Math.max(0, value - 1))] ?? 6
}
