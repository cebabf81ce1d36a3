/**
 * Text that remembers where each of its UTF-16 units came from in the input,
 * so a finding made after several rewrites still points at `line:column` of
 * the file the user wrote (code.md §4: positions survive every change).
 */
export interface TrackedText {
  readonly value: string
  /** Input offset of each unit of `value`. */
  readonly origins: readonly number[]
  /**
   * Owner of each unit: the index of the text node it belongs to, or -1 for
   * a placeholder (a node no rule may edit).
   */
  readonly owners: readonly number[]
}

/** One change a rule wants, with the finding that explains it. */
export interface Edit {
  start: number
  end: number
  insert: string
  ruleId: string
  /** "Unexpected X, expected Y" or "… remove it". */
  reason: string
}

/** An edit that was applied, with input offsets for its message. */
export interface AppliedEdit extends Edit {
  /** Text replaced, as it was before this edit. */
  actual: string
  originStart: number
  originEnd: number
}

/** A rule: reads the text, returns the edits it wants (any order, no overlaps). */
export type TextRule = (text: string, context: RuleContext) => Edit[]

/** What a rule may know about the block it reads. */
export interface RuleContext {
  /** Keep or remove spaces between Han and Latin letters or digits. */
  readonly hanLatinSpace: 'remove' | 'keep'
}

export function trackedText(value: string, origins: readonly number[], owners?: readonly number[]): TrackedText {
  return {value, origins, owners: owners ?? origins.map(() => 0)}
}

/**
 * Apply non-overlapping edits. An edit that overlaps an earlier one, spans
 * two text nodes or touches a placeholder is dropped: the text it would fix
 * stays as written, which is never wrong, only unfixed.
 */
export function applyEdits(text: TrackedText, edits: readonly Edit[]): {text: TrackedText; applied: AppliedEdit[]} {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end)
  const applied: AppliedEdit[] = []
  let value = ''
  const origins: number[] = []
  const owners: number[] = []
  let cursor = 0
  const copy = (until: number): void => {
    value += text.value.slice(cursor, until)
    for (let index = cursor; index < until; index++) {
      origins.push(text.origins[index] ?? 0)
      owners.push(text.owners[index] ?? 0)
    }
    cursor = until
  }
  for (const edit of sorted) {
    if (edit.start < cursor || edit.end < edit.start || edit.end > text.value.length) continue
    const owner = ownerOf(text, edit.start, edit.end)
    if (owner === undefined) continue
    if (text.value.slice(edit.start, edit.end) === edit.insert) continue
    copy(edit.start)
    const originStart = edit.start < text.value.length ? (text.origins[edit.start] ?? 0) : endOrigin(text)
    const originEnd = edit.end > edit.start ? (text.origins[edit.end - 1] ?? originStart) + 1 : originStart
    value += edit.insert
    for (let index = 0; index < edit.insert.length; index++) {
      origins.push(originStart)
      owners.push(owner)
    }
    applied.push({...edit, actual: text.value.slice(edit.start, edit.end), originStart, originEnd})
    cursor = edit.end
  }
  copy(text.value.length)
  return {text: {value, origins, owners}, applied}
}

/** The one owner of a range (or of the units around an insertion), if editable. */
function ownerOf(text: TrackedText, start: number, end: number): number | undefined {
  if (start === end) {
    const before = start > 0 ? text.owners[start - 1] : undefined
    const after = text.owners[start]
    const owner = before !== undefined && before >= 0 ? before : after
    return owner !== undefined && owner >= 0 ? owner : undefined
  }
  const owner = text.owners[start]
  if (owner === undefined || owner < 0) return undefined
  for (let index = start + 1; index < end; index++) if (text.owners[index] !== owner) return undefined
  return owner
}

function endOrigin(text: TrackedText): number {
  const last = text.origins[text.origins.length - 1]
  return last === undefined ? 0 : last + 1
}

/** Units [start, end) of a tracked text. */
export function sliceTracked(text: TrackedText, start: number, end?: number): TrackedText {
  return {
    value: text.value.slice(start, end),
    origins: text.origins.slice(start, end),
    owners: text.owners.slice(start, end)
  }
}
