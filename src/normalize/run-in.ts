import type {Paragraph, PhrasingContent, Root, Strong} from 'mdast'
import {closingMarks, firstSentenceEnd, hanNumeralClass, isSentenceEnd, pairedMarks, parseHanNumeral} from './characters.js'
import {originsUnder, plainText, spanOf, splitPhrasing} from './phrasing.js'
import {enabled, report, type NormalizeState} from './report.js'

/**
 * Run-in enumerations: "一要…。二要…。三要…。", "一是…。二是…。",
 * "第一，…第二，…". Each point becomes a paragraph of its own whose lead
 * sentence — up to, not including, its first 。 — is strong:
 * `**一要强化理论学习，筑牢信仰之基**。要坚持…`. The closing `**` goes before
 * the 。 (CommonMark closes `**` only when it is right-flanking; followed by
 * 。 it is). model/lead-sentence.ts turns that strong into a `leadSentence`.
 *
 * A point counts only where a sentence ends (。！？ outside quotes) or a
 * paragraph starts, and only in a run 一, 二, 三 … of the same kind within
 * one section. "一是…；二是…；三是…。" inside one sentence (学习提纲,
 * 讲话) are clauses of that sentence, not points: they stay as written.
 */

type Kind = '要' | '是' | '第'

const n = hanNumeralClass
const enumerators: ReadonlyArray<{kind: Kind; pattern: RegExp}> = [
  {kind: '要', pattern: new RegExp(`^([${n}]+)要`, 'u')},
  {kind: '是', pattern: new RegExp(`^([${n}]+)是`, 'u')},
  {kind: '第', pattern: new RegExp(`^第([${n}]+)[，、]`, 'u')}
]

interface Point {
  paragraph: Paragraph
  /** Offset of the enumerator in the paragraph's text. */
  offset: number
  kind: Kind
  number: number
}

export function splitRunIn(tree: Root, state: NormalizeState): void {
  const points = new Set<Point>()
  let section: Point[] = []
  const close = (): void => {
    for (const point of validRuns(section)) points.add(point)
    section = []
  }
  for (const node of tree.children) {
    if (node.type === 'heading' || node.type === 'thematicBreak') close()
    else if (node.type === 'paragraph') section.push(...pointsIn(node))
  }
  close()
  if (points.size === 0) return

  const byParagraph = new Map<Paragraph, Point[]>()
  for (const point of points) byParagraph.set(point.paragraph, [...(byParagraph.get(point.paragraph) ?? []), point])
  for (let index = 0; index < tree.children.length; index++) {
    const node = tree.children[index]
    if (node?.type !== 'paragraph') continue
    const paragraphPoints = byParagraph.get(node)
    if (!paragraphPoints) continue
    const replacement = splitAtPoints(node, paragraphPoints, state)
    for (const paragraph of replacement) {
      if (paragraph.starts && enabled(state, 'lead-sentence')) markLeadSentence(paragraph.node, state)
    }
    tree.children.splice(index, 1, ...replacement.map((part) => part.node))
    index += replacement.length - 1
  }
}

/** Enumerators at the paragraph start and after each sentence end. */
function pointsIn(paragraph: Paragraph): Point[] {
  const text = plainText(paragraph)
  const starts = [0, ...sentenceEnds(text)]
  const points: Point[] = []
  for (const offset of starts) {
    const rest = text.slice(offset)
    for (const {kind, pattern} of enumerators) {
      const match = pattern.exec(rest)
      const number = match?.[1] === undefined ? undefined : parseHanNumeral(match[1])
      if (number !== undefined) points.push({paragraph, offset, kind, number})
    }
  }
  return points
}

function sentenceEnds(text: string): number[] {
  const ends: number[] = []
  let depth = 0
  for (let index = 0; index < text.length; index++) {
    const character = text[index] ?? ''
    if (pairedMarks.has(character)) depth++
    else if (closingMarks.has(character)) depth = Math.max(0, depth - 1)
    else if (depth === 0 && isSentenceEnd(character) && !isSentenceEnd(text[index + 1])) ends.push(index + 1)
  }
  return ends.filter((end) => end < text.length)
}

/** Points that form runs 一, 二, 三 … (at least two) of one kind, in order. */
function validRuns(points: readonly Point[]): Point[] {
  const valid: Point[] = []
  for (const kind of ['要', '是', '第'] as const) {
    let run: Point[] = []
    const flush = (): void => {
      if (run.length >= 2) valid.push(...run)
      run = []
    }
    for (const point of points) {
      if (point.kind !== kind) continue
      const last = run[run.length - 1]
      if (point.number === 1) {
        flush()
        run = [point]
      } else if (last && point.number === last.number + 1) {
        run.push(point)
      } else {
        flush()
      }
    }
    flush()
  }
  return valid
}

/** Split a paragraph before each point that does not start it. */
function splitAtPoints(paragraph: Paragraph, points: readonly Point[], state: NormalizeState): Array<{node: Paragraph; starts: boolean}> {
  const offsets = [...new Set(points.map((point) => point.offset))].sort((a, b) => a - b)
  const parts: Array<{node: Paragraph; starts: boolean}> = []
  let rest: PhrasingContent[] = paragraph.children
  let consumed = 0
  let startsWithPoint = offsets[0] === 0
  for (const offset of offsets) {
    if (offset === 0 || !enabled(state, 'run-in-enumeration')) continue
    const split = splitPhrasing(rest, offset - consumed, state)
    if (!split) continue
    const [before, after] = split
    parts.push({node: paragraphOf(before, state, parts.length === 0 ? paragraph : undefined), starts: startsWithPoint})
    const text = plainText({type: 'paragraph', children: after})
    const origins = originsUnder(after, state)
    report(state, {
      ruleId: 'run-in-enumeration',
      reason: `Unexpected run-in point \`${text.slice(0, 12)}…\` inside a paragraph, expected a new paragraph`,
      start: origins[0] ?? 0,
      end: (origins[Math.min(origins.length, 2) - 1] ?? 0) + 1,
      actual: text.slice(0, 2),
      expected: `\n\n${text.slice(0, 2)}`
    })
    rest = after
    consumed = offset
    startsWithPoint = true
  }
  parts.push({node: paragraphOf(rest, state, parts.length === 0 ? paragraph : undefined), starts: startsWithPoint})
  return parts
}

function paragraphOf(children: PhrasingContent[], state: NormalizeState, original: Paragraph | undefined): Paragraph {
  if (original && original.children === children) return original
  const paragraph: Paragraph = {type: 'paragraph', children}
  const span = spanOf(originsUnder(children, state), state)
  if (span) paragraph.position = span
  return paragraph
}

/** `一要强化理论学习，筑牢信仰之基。要…` → `**一要强化理论学习，筑牢信仰之基**。要…`. */
function markLeadSentence(paragraph: Paragraph, state: NormalizeState): void {
  if (paragraph.children[0]?.type === 'strong') return
  const text = plainText(paragraph)
  // The 。 that ends the lead sentence: the first one outside quotes.
  const stop = firstSentenceEnd(text, 0, (character) => character === '。') - 1
  if (stop <= 0 || text[stop] !== '。') return
  const split = splitPhrasing(paragraph.children, stop, state)
  if (!split) return
  const [lead, rest] = split
  if (lead.some((child) => child.type === 'strong' || child.type === 'emphasis')) return
  const strong: Strong = {type: 'strong', children: lead}
  const span = spanOf(originsUnder(lead, state), state)
  if (span) strong.position = span
  paragraph.children = [strong, ...rest]
  const sentence = text.slice(0, stop)
  report(state, {
    ruleId: 'lead-sentence',
    reason: `Unexpected plain lead sentence \`${sentence}\`, expected \`**${sentence}**\``,
    start: span?.start.offset ?? 0,
    end: span?.end.offset,
    actual: sentence,
    expected: `**${sentence}**`
  })
}
