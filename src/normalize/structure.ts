import type {Heading, Paragraph, Root, RootContent} from 'mdast'
import {firstSentenceEnd, hanNumeralClass, pairedMarks, closingMarks} from './characters.js'
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

export type OutlineStyle = 'chapter' | 'section' | 'han' | 'paren-han' | 'arabic' | 'paren-arabic'

const n = hanNumeralClass
const outlineStyles: ReadonlyArray<{style: OutlineStyle; pattern: RegExp}> = [
  {style: 'chapter', pattern: new RegExp(`^第[零〇${n}百千\\d]+章`, 'u')},
  {style: 'section', pattern: new RegExp(`^第[零〇${n}百千\\d]+节`, 'u')},
  {style: 'han', pattern: new RegExp(`^[${n}]+、`, 'u')},
  {style: 'paren-han', pattern: new RegExp(`^（[${n}]+）`, 'u')},
  {style: 'arabic', pattern: /^\d{1,2}(?:[.．](?![\d.．])|、)/u},
  {style: 'paren-arabic', pattern: /^（\d{1,2}）/u}
]

/** The outline numbering a text starts with, and its length. */
export function outlineNumbering(text: string): {style: OutlineStyle; length: number} | undefined {
  for (const {style, pattern} of outlineStyles) {
    const match = pattern.exec(text)
    if (match) return {style, length: match[0].length}
  }
  return undefined
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
 */
export function applyOutline(tree: Root, state: NormalizeState): void {
  const candidates = headingCandidates(tree)
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
    if (!candidate?.extent || !(candidate.extent.kind === 'whole' ? whole : runIn)) continue
    const depth = depthFor(candidate.style)
    const text = plainText(node)
    const replacement = candidate.extent.kind === 'whole'
      ? wholeHeading(node, depth, text, state)
      : runInHeading(node, depth, candidate.extent.end, state)
    if (replacement) tree.children.splice(index, 1, ...replacement)
  }
}

interface Candidate {
  style: OutlineStyle
  extent: ReturnType<typeof headingExtent>
}

function candidateOf(text: string): Candidate | undefined {
  const numbering = outlineNumbering(text)
  return numbering ? {style: numbering.style, extent: headingExtent(text, numbering.length)} : undefined
}

/** Numbered paragraphs and how each would become a heading, after the list and attachment rules. */
function headingCandidates(tree: Root): Map<Paragraph, Candidate | undefined> {
  const candidates = new Map<Paragraph, Candidate | undefined>()
  let attachmentNext: number | undefined
  let list: Array<{paragraph: Paragraph; candidate: Candidate}> = []
  const closeList = (): void => {
    if (list.some((item) => item.candidate.extent === undefined)) {
      for (const item of list) candidates.set(item.paragraph, undefined)
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

function wholeHeading(paragraph: Paragraph, depth: Heading['depth'], text: string, state: NormalizeState): RootContent[] {
  const heading: Heading = {type: 'heading', depth, children: paragraph.children}
  if (paragraph.position) heading.position = paragraph.position
  const origins = originsUnder(paragraph.children, state)
  report(state, {
    ruleId: 'outline-heading',
    reason: `Unexpected numbered line \`${text}\` as a paragraph, expected a level-${depth} heading`,
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
