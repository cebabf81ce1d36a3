import {diffArrays} from 'diff'

/**
 * Paragraph alignment: which block of the older version became which block of
 * the newer one. Identical blocks are matched first (Myers' diff on their
 * content); between two identical anchors, the remaining blocks are paired by
 * similarity, in order, so an edited paragraph is an edit and not a deletion
 * plus an insertion. A moved paragraph is a deletion and an insertion.
 */

/** A block of both versions, or of only one. */
export type Pair<T> = {before: T; after: T} | {before: T; after: undefined} | {before: undefined; after: T}

export interface AlignOptions<T> {
  /** Content of a block without positions: equal keys are identical blocks. */
  key(block: T): string
  /** 0 (nothing shared, or blocks of different kinds) to 1 (same text). */
  similarity(before: T, after: T): number
}

/**
 * How similar two blocks must be to count as one edited block: 40% of their
 * character pairs shared. Between two unchanged blocks, a lone old block and
 * a lone new one of the same kind stand in the same place, and are taken as
 * an edit from 20% on.
 */
export const minimumSimilarity = 0.4
export const minimumSimilarityInPlace = 0.2

export function alignBlocks<T>(before: readonly T[], after: readonly T[], options: AlignOptions<T>): Array<Pair<T>> {
  const pairs: Array<Pair<T>> = []
  let oldIndex = 0
  let newIndex = 0
  let removed: T[] = []
  let added: T[] = []
  const flush = (): void => {
    pairs.push(...pairBySimilarity(removed, added, options))
    removed = []
    added = []
  }
  const keys = diffArrays(before.map(options.key), after.map(options.key))
  for (const change of keys) {
    if (change.removed) removed.push(...before.slice(oldIndex, (oldIndex += change.count)))
    else if (change.added) added.push(...after.slice(newIndex, (newIndex += change.count)))
    else {
      flush()
      for (let index = 0; index < change.count; index++) {
        const a = before[oldIndex++]
        const b = after[newIndex++]
        if (a !== undefined && b !== undefined) pairs.push({before: a, after: b})
      }
    }
  }
  flush()
  return pairs
}

/**
 * Order-preserving pairing of the blocks between two anchors that maximizes
 * the total similarity of the pairs (a weighted longest common subsequence).
 * Unpaired old blocks come before unpaired new ones, as Word lists a
 * deletion before the insertion that replaces it.
 */
function pairBySimilarity<T>(removed: readonly T[], added: readonly T[], options: AlignOptions<T>): Array<Pair<T>> {
  if (removed.length === 0 || added.length === 0) return [...removed.map((block) => ({before: block, after: undefined})), ...added.map((block) => ({before: undefined, after: block}))]
  const threshold = removed.length === 1 && added.length === 1 ? minimumSimilarityInPlace : minimumSimilarity
  const rows = removed.length
  const columns = added.length
  const similarity = removed.map((a) => added.map((b) => options.similarity(a, b)))
  // best[i][j]: best total for removed[i…] and added[j…].
  const best = Array.from({length: rows + 1}, () => new Array<number>(columns + 1).fill(0))
  for (let i = rows - 1; i >= 0; i--) {
    const row = best[i] ?? []
    for (let j = columns - 1; j >= 0; j--) {
      const score = similarity[i]?.[j] ?? 0
      const paired = score >= threshold ? score + (best[i + 1]?.[j + 1] ?? 0) : -1
      row[j] = Math.max(paired, best[i + 1]?.[j] ?? 0, row[j + 1] ?? 0)
    }
  }
  const pairs: Array<Pair<T>> = []
  let pendingOld: T[] = []
  let pendingNew: T[] = []
  const flush = (): void => {
    pairs.push(...pendingOld.map((block) => ({before: block, after: undefined})), ...pendingNew.map((block) => ({before: undefined, after: block})))
    pendingOld = []
    pendingNew = []
  }
  let i = 0
  let j = 0
  for (let a = removed[i], b = added[j]; a !== undefined && b !== undefined; a = removed[i], b = added[j]) {
    const score = similarity[i]?.[j] ?? 0
    const here = best[i]?.[j] ?? 0
    if (score >= threshold && here === score + (best[i + 1]?.[j + 1] ?? 0)) {
      flush()
      pairs.push({before: a, after: b})
      i++
      j++
    } else if (here === (best[i + 1]?.[j] ?? 0)) {
      pendingOld.push(a)
      i++
    } else {
      pendingNew.push(b)
      j++
    }
  }
  pendingOld.push(...removed.slice(i))
  pendingNew.push(...added.slice(j))
  flush()
  return pairs
}

/**
 * Dice's coefficient on character bigrams: how much of two texts is the same
 * two-character sequences, 0 to 1. Chinese words are mostly one or two
 * characters, so bigrams are a good, cheap measure of a shared wording.
 */
export function textSimilarity(a: string, b: string): number {
  const x = bigrams(a)
  const y = bigrams(b)
  const total = countOf(x) + countOf(y)
  if (total === 0) return a === b ? 1 : 0
  let shared = 0
  for (const [gram, count] of x) shared += Math.min(count, y.get(gram) ?? 0)
  return (2 * shared) / total
}

function bigrams(text: string): Map<string, number> {
  const characters = Array.from(text.replace(/\s+/gu, ''))
  const grams = new Map<string, number>()
  // A one-character text is its own bigram, so 一 and 二 are compared at all.
  if (characters.length === 1) grams.set(characters[0] ?? '', 1)
  for (let index = 0; index + 1 < characters.length; index++) {
    const gram = `${characters[index]}${characters[index + 1]}`
    grams.set(gram, (grams.get(gram) ?? 0) + 1)
  }
  return grams
}

function countOf(grams: ReadonlyMap<string, number>): number {
  let count = 0
  for (const value of grams.values()) count += value
  return count
}
