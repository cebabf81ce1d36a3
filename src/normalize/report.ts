import type {Text} from 'mdast'
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import type {RuleContext} from './tracked-text.js'

/** A vfile message (vfile-message is only a dependency of vfile, so the type is taken from there). */
export type VFileMessage = VFile['messages'][number]

/** Every normalize finding carries this source (code.md §2). */
export const messageSource = 'paiban-normalize'

/**
 * What the normalize stages share while they work on one file: the input
 * (for positions), the vfile that collects findings, and the input offset
 * of every unit of every text node, kept beside the tree so splitting and
 * rewriting nodes never loses where their text came from.
 */
export interface NormalizeState {
  readonly file: VFile
  readonly input: string
  readonly lineStarts: readonly number[]
  readonly origins: WeakMap<Text, readonly number[]>
  readonly context: RuleContext
  /** Rules switched off (config.ts): they neither change the text nor report. */
  readonly off: Set<string>
}

/** Whether a rule is on for this file. */
export function enabled(state: Pick<NormalizeState, 'off'>, ruleId: string): boolean {
  return !state.off.has(ruleId)
}

export interface Finding {
  ruleId: string
  reason: string
  /** Input offsets of the text the finding is about. */
  start: number
  end?: number | undefined
  /** The text as written, when a fix exists. */
  actual?: string | undefined
  /** What the fix writes instead. */
  expected?: string | undefined
  /** `info` for changes that are no mistake of the writer (a title taken from the first line). */
  severity?: 'warning' | 'info' | undefined
}

export function lineStartsOf(input: string): number[] {
  const starts = [0]
  for (let index = input.indexOf('\n'); index !== -1; index = input.indexOf('\n', index + 1)) starts.push(index + 1)
  return starts
}

/** 1-based line and column of an input offset. */
export function pointAt(state: Pick<NormalizeState, 'lineStarts' | 'input'>, offset: number): Point {
  const clamped = Math.max(0, Math.min(offset, state.input.length))
  let low = 0
  let high = state.lineStarts.length - 1
  while (low < high) {
    const middle = (low + high + 1) >>> 1
    if ((state.lineStarts[middle] ?? 0) <= clamped) low = middle
    else high = middle - 1
  }
  return {line: low + 1, column: clamped - (state.lineStarts[low] ?? 0) + 1, offset: clamped}
}

export function positionOf(state: Pick<NormalizeState, 'lineStarts' | 'input'>, start: number, end: number): Position {
  return {start: pointAt(state, start), end: pointAt(state, Math.max(start, end))}
}

/** Record a finding on the file, "Unexpected X, expected Y" style; nothing for a rule switched off. */
export function report(state: NormalizeState, finding: Finding): VFileMessage | undefined {
  if (!enabled(state, finding.ruleId)) return undefined
  const place = positionOf(state, finding.start, finding.end ?? finding.start)
  const options = {place, ruleId: finding.ruleId, source: messageSource}
  const message = finding.severity === 'info' ? state.file.info(finding.reason, options) : state.file.message(finding.reason, options)
  if (finding.actual !== undefined) message.actual = finding.actual
  if (finding.expected !== undefined) message.expected = [finding.expected]
  return message
}

/** Findings with a fix (they set `expected`); a normalized file has none. */
export function isFixable(message: VFileMessage): boolean {
  return message.expected !== undefined
}
