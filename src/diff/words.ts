import {diffArrays} from 'diff'
import type {Delete, Emphasis, Link, LinkReference, PhrasingContent, Strong} from 'mdast'
import type {LeadSentence, RevisionKind} from '../model/types.js'
import {joinSegments} from '../write/docx/handlers/inline.js'

/**
 * The diff inside one paragraph (or heading, or table cell): by Chinese words
 * first, then by characters inside each replaced stretch where that is
 * clearer, so a one-character correction (说→悦) is one deleted and one
 * inserted character, never the whole sentence or the whole word.
 *
 * Formatting takes part in the comparison: each word carries the wrappers
 * around it (strong, emphasis, link…), so 读原著 becoming **读原著** is a
 * deletion and an insertion, and both versions keep their formatting.
 */

/** An inline node whose children are phrasing content, kept around the words below it. */
type Wrapper = Strong | Emphasis | Delete | Link | LinkReference | LeadSentence

interface Mark {
  /** Type and attributes (a link's URL…), without children or position. */
  key: string
  node: Wrapper
}

interface Token {
  /** Wrappers around the token, outermost first. */
  marks: readonly Mark[]
  marksKey: string
  /** A word of text, or a node that is not text (break, image, footnote reference, inline code). */
  content: string | PhrasingContent
  /** What makes two tokens the same: their marks and their text or node. */
  key: string
}

/** One stretch of the result: text both versions share, or a replacement (either side may be empty). */
type Segment = {equal: Token[]} | {deleted: Token[]; inserted: Token[]}

/** A token with the revision it carries in the merged paragraph. */
interface Placed {
  token: Token
  revision: RevisionKind | undefined
}

// Chinese word boundaries from ICU's dictionary, as browsers use them; no native addon.
const segmenter = new Intl.Segmenter('zh', {granularity: 'word'})

/** A text split into words (ICU's Chinese dictionary); punctuation and spaces are words of their own. */
export function segmentWords(text: string): string[] {
  return Array.from(segmenter.segment(text), (part) => part.segment)
}

/**
 * The merged phrasing content of two versions of a paragraph: what both have
 * as it is, what only the older has inside `deletion` nodes, what only the
 * newer has inside `insertion` nodes (a deletion comes before the insertion
 * that replaces it). The same content gives no revision at all.
 */
export function diffPhrasing(before: readonly PhrasingContent[], after: readonly PhrasingContent[]): PhrasingContent[] {
  const words = cleanup(diffTokens(tokenize(before), tokenize(after)))
  const segments = words.flatMap((segment) => ('equal' in segment ? [segment] : refine(segment)))
  return rebuild(placed(segments), 0)
}

/** Phrasing content that only one version has, marked as a whole. */
export function wrapPhrasing(nodes: readonly PhrasingContent[], kind: RevisionKind): PhrasingContent[] {
  if (nodes.length === 0) return []
  return [kind === 'inserted' ? {type: 'insertion', children: [...nodes]} : {type: 'deletion', children: [...nodes]}]
}

// ---------------------------------------------------------------------------
// Tokens

function tokenize(nodes: readonly PhrasingContent[], marks: readonly Mark[] = [], tokens: Token[] = []): Token[] {
  const marksKey = marks.map((mark) => mark.key).join('>')
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        // Soft line breaks join as the writers join them (nothing between Han characters).
        for (const word of segmentWords(joinSegments(node.value))) tokens.push({marks, marksKey, content: word, key: `${marksKey}\u0001${word}`})
        break
      case 'strong':
      case 'emphasis':
      case 'delete':
      case 'link':
      case 'linkReference':
      case 'leadSentence': {
        const {children, position: _position, ...rest} = node
        tokenize(children, [...marks, {key: JSON.stringify(rest), node}], tokens)
        break
      }
      // Inputs are plain documents; should a merged one come in, its changes count as content.
      case 'insertion':
      case 'deletion':
        tokenize(node.children, marks, tokens)
        break
      case 'inlineCode':
      case 'break':
      case 'image':
      case 'imageReference':
      case 'footnoteReference':
      case 'html':
        tokens.push({marks, marksKey, content: node, key: `${marksKey}\u0002${nodeKey(node)}`})
        break
    }
  }
  return tokens
}

/** A node's content without its position, as a string to compare. */
function nodeKey(node: PhrasingContent): string {
  return JSON.stringify(node, (key, value: unknown) => (key === 'position' || key === 'data' ? undefined : value))
}

/** A text token as one token per character (code point); other tokens stay whole. */
function characters(tokens: readonly Token[]): Token[] {
  return tokens.flatMap((token) =>
    typeof token.content === 'string'
      ? Array.from(token.content, (character) => ({...token, content: character, key: `${token.marksKey}\u0001${character}`}))
      : [token]
  )
}

function lengthOf(tokens: readonly Token[]): number {
  return tokens.reduce((sum, token) => sum + (typeof token.content === 'string' ? Array.from(token.content).length : 1), 0)
}

// ---------------------------------------------------------------------------
// Diff

/** Myers' diff (jsdiff) of two token lists, as equal stretches and replacements. */
function diffTokens(before: readonly Token[], after: readonly Token[]): Segment[] {
  const segments: Segment[] = []
  for (const change of diffArrays([...before], [...after], {comparator: (a, b) => a.key === b.key})) {
    const last = segments.at(-1)
    if (!change.added && !change.removed) segments.push({equal: change.value})
    else if (last && !('equal' in last)) (change.added ? last.inserted : last.deleted).push(...change.value)
    else segments.push(change.added ? {deleted: [], inserted: change.value} : {deleted: change.value, inserted: []})
  }
  return segments
}

/**
 * Fold small coincidences into the replacements around them: an equal
 * stretch shorter than the change on either side of it (a shared 的 or ，
 * between two rewritten clauses) reads better as part of the rewrite. This is
 * diff-match-patch's semantic cleanup, measured in characters; strictly
 * shorter, so a kept two-character word between two replaced ones stays
 * (加强理论学习 → 深化理论武装 keeps 理论).
 */
function cleanup(segments: Segment[]): Segment[] {
  const result = [...segments]
  let changed = true
  while (changed) {
    changed = false
    for (let index = 1; index < result.length - 1; index++) {
      const before = result[index - 1]
      const middle = result[index]
      const after = result[index + 1]
      if (!before || !middle || !after || 'equal' in before || 'equal' in after || !('equal' in middle)) continue
      const length = lengthOf(middle.equal)
      if (length < Math.max(lengthOf(before.deleted), lengthOf(before.inserted)) && length < Math.max(lengthOf(after.deleted), lengthOf(after.inserted))) {
        result.splice(index - 1, 3, {
          deleted: [...before.deleted, ...middle.equal, ...after.deleted],
          inserted: [...before.inserted, ...middle.equal, ...after.inserted]
        })
        changed = true
        break
      }
    }
  }
  return result
}

/**
 * A replaced stretch of words, diffed again by characters: 学说→学悦 keeps 学
 * and replaces one character. Where the characters share too little, the
 * cleanup folds them back into one replacement of the words.
 */
function refine(segment: {deleted: Token[]; inserted: Token[]}): Segment[] {
  if (segment.deleted.length === 0 || segment.inserted.length === 0) return [segment]
  return cleanup(diffTokens(characters(segment.deleted), characters(segment.inserted)))
}

function placed(segments: readonly Segment[]): Placed[] {
  return segments.flatMap((segment): Placed[] =>
    'equal' in segment
      ? segment.equal.map((token) => ({token, revision: undefined}))
      : [
          ...segment.deleted.map((token): Placed => ({token, revision: 'deleted'})),
          ...segment.inserted.map((token): Placed => ({token, revision: 'inserted'}))
        ]
  )
}

// ---------------------------------------------------------------------------
// Back to a tree

/**
 * Phrasing content from placed tokens: tokens that share a wrapper at this
 * depth go back inside one copy of it; below the wrappers, runs of tokens
 * with the same revision become one `insertion` or `deletion` node.
 */
function rebuild(items: readonly Placed[], depth: number): PhrasingContent[] {
  const result: PhrasingContent[] = []
  let index = 0
  while (index < items.length) {
    const first = items[index]
    if (!first) break
    const mark = first.token.marks[depth]
    let end = index + 1
    if (mark) {
      while (end < items.length && items[end]?.token.marks[depth]?.key === mark.key) end++
      result.push(withChildren(mark.node, rebuild(items.slice(index, end), depth + 1)))
    } else {
      while (end < items.length && items[end]?.token.marks.length === depth && items[end]?.revision === first.revision) end++
      const leaves = joinText(items.slice(index, end).map((item) => item.token.content))
      result.push(...(first.revision ? wrapPhrasing(leaves, first.revision) : leaves))
    }
    index = end
  }
  return result
}

function withChildren(node: Wrapper, children: PhrasingContent[]): PhrasingContent {
  return {...node, children}
}

/** Adjacent words become one text node again. */
function joinText(contents: ReadonlyArray<string | PhrasingContent>): PhrasingContent[] {
  const nodes: PhrasingContent[] = []
  for (const content of contents) {
    const last = nodes.at(-1)
    if (typeof content !== 'string') nodes.push(content)
    else if (last?.type === 'text') last.value += content
    else nodes.push({type: 'text', value: content})
  }
  return nodes
}
