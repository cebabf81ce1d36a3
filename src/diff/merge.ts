import type {Nodes, Root, RootContent, Table} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {SKIP, visit} from 'unist-util-visit'
import type {RevisionKind} from '../model/types.js'
import {alignBlocks, textSimilarity} from './align.js'
import {diffPhrasing, wrapPhrasing} from './words.js'

/**
 * Two versions of a document model merged into one redline tree: blocks are
 * aligned (align.ts), aligned containers (quotes, lists, list items, tables)
 * are merged child by child, aligned paragraphs and headings word by word
 * (words.ts). A block only one version has keeps its place with its text in
 * `insertion`/`deletion` nodes and `data.revision` on the block, so the
 * writers mark its paragraph mark too. The same tree twice gives a tree with
 * no revision at all.
 */
export function mergeTrees(before: Root, after: Root): Root {
  return {...after, children: mergeBlocks(before.children, after.children)}
}

/** What a redline changes, as the CLI and the CI summary count it. */
export interface ChangeCounts {
  /** Stretches of inserted text (and inserted code blocks, rules). */
  insertions: number
  deletions: number
  insertedCharacters: number
  deletedCharacters: number
}

export function countChanges(tree: Root): ChangeCounts {
  const counts: ChangeCounts = {insertions: 0, deletions: 0, insertedCharacters: 0, deletedCharacters: 0}
  const add = (kind: RevisionKind, characters: number): void => {
    if (kind === 'inserted') {
      counts.insertions++
      counts.insertedCharacters += characters
    } else {
      counts.deletions++
      counts.deletedCharacters += characters
    }
  }
  visit(tree, (node) => {
    if (node.type === 'insertion' || node.type === 'deletion') {
      add(node.type === 'insertion' ? 'inserted' : 'deleted', Array.from(toString(node)).length)
      return SKIP
    }
    // Blocks without phrasing content carry their revision themselves.
    if ((node.type === 'code' || node.type === 'thematicBreak') && node.data?.revision) add(node.data.revision, node.type === 'code' ? Array.from(node.value).length : 0)
    return undefined
  })
  return counts
}

function mergeBlocks<T extends RootContent>(before: readonly T[], after: readonly T[]): T[] {
  const merged: T[] = []
  const options = {key: (node: T) => blockKey(node), similarity: (a: T, b: T) => blockSimilarity(a, b)}
  for (const pair of alignBlocks(before.filter(isFlow), after.filter(isFlow), options)) {
    if (pair.before && pair.after) merged.push(...mergePair(pair.before, pair.after))
    else if (pair.before) merged.push(markWhole(pair.before, 'deleted'))
    else if (pair.after) merged.push(markWhole(pair.after, 'inserted'))
  }
  return [...merged, ...mergeDefinitions(before.filter(isDefinition), after.filter(isDefinition))]
}

/** Two aligned blocks as one, or as the old one deleted and the new one inserted. */
function mergePair<T extends RootContent>(before: T, after: T): T[] {
  if (blockKey(before) === blockKey(after)) return [after]
  const merged = structuredClone(after)
  if ((merged.type === 'paragraph' || merged.type === 'heading') && (before.type === 'paragraph' || before.type === 'heading')) {
    merged.children = diffPhrasing(before.children, merged.children)
    return [merged]
  }
  if ((merged.type === 'blockquote' && before.type === 'blockquote') || (merged.type === 'listItem' && before.type === 'listItem')) {
    merged.children = mergeBlocks(before.children, merged.children)
    return [merged]
  }
  if (merged.type === 'list' && before.type === 'list') {
    merged.children = mergeBlocks(before.children, merged.children)
    return [merged]
  }
  if (merged.type === 'table' && before.type === 'table') {
    merged.children = mergeBlocks(before.children, merged.children)
    return [merged]
  }
  if (merged.type === 'tableRow' && before.type === 'tableRow') {
    // Tables are paired only with the same number of columns: cells match by column.
    merged.children = merged.children.map((cell, column) => ({...cell, children: diffPhrasing(before.children[column]?.children ?? [], cell.children)}))
    return [merged]
  }
  // Code blocks, rules, raw HTML and anything else: the old one out, the new one in.
  return [markWhole(before, 'deleted'), markWhole(after, 'inserted')]
}

/**
 * A block only one version has: every paragraph, heading, code block, rule
 * and table row in it is marked, and all its text is put in one insertion
 * or deletion per paragraph.
 */
function markWhole<T extends RootContent>(node: T, kind: RevisionKind): T {
  const marked = structuredClone(node)
  visit(marked, (child: Nodes) => {
    if (child.type === 'paragraph' || child.type === 'heading' || child.type === 'code' || child.type === 'thematicBreak' || child.type === 'tableRow') {
      child.data = {...child.data, revision: kind}
    }
    if (child.type === 'paragraph' || child.type === 'heading' || child.type === 'tableCell') {
      child.children = wrapPhrasing(child.children, kind)
      return SKIP
    }
    return undefined
  })
  return marked
}

/**
 * Link and footnote definitions, by identifier: a footnote both versions
 * have is merged like any block; one only the older has stays, deleted, for
 * the deleted reference that points to it. Link definitions carry no text.
 */
function mergeDefinitions<T extends RootContent>(before: readonly T[], after: readonly T[]): T[] {
  const identifier = (node: RootContent): string => ('identifier' in node ? `${node.type}:${node.identifier.toLowerCase()}` : '')
  const newer = new Map(after.map((node) => [identifier(node), node]))
  const older = new Map(before.map((node) => [identifier(node), node]))
  const merged: T[] = []
  for (const node of before) {
    const other = newer.get(identifier(node))
    if (node.type !== 'footnoteDefinition') merged.push(other ?? node)
    else if (!other) merged.push(markWhole(node, 'deleted'))
    else {
      const note = structuredClone(other)
      if (note.type === 'footnoteDefinition' && blockKey(node) !== blockKey(note)) note.children = mergeBlocks(node.children, note.children)
      merged.push(note)
    }
  }
  for (const node of after) {
    if (!older.has(identifier(node))) merged.push(node.type === 'footnoteDefinition' ? markWhole(node, 'inserted') : node)
  }
  return merged
}

function isDefinition(node: RootContent): boolean {
  return node.type === 'definition' || node.type === 'footnoteDefinition'
}

function isFlow(node: RootContent): boolean {
  return !isDefinition(node)
}

/** A block's content without positions: equal keys, identical blocks. */
function blockKey(node: Nodes): string {
  return JSON.stringify(node, (key, value: unknown) => (key === 'position' ? undefined : value))
}

/** Blocks of one kind (same heading level, list type, number of table columns) by their text; others not at all. */
function blockSimilarity(before: RootContent, after: RootContent): number {
  const comparable =
    (before.type === 'paragraph' && after.type === 'paragraph') ||
    (before.type === 'heading' && after.type === 'heading' && before.depth === after.depth) ||
    (before.type === 'blockquote' && after.type === 'blockquote') ||
    (before.type === 'list' && after.type === 'list' && before.ordered === after.ordered) ||
    before.type === 'listItem' && after.type === 'listItem' ||
    (before.type === 'table' && after.type === 'table' && columnsOf(before) === columnsOf(after)) ||
    (before.type === 'tableRow' && after.type === 'tableRow')
  return comparable ? textSimilarity(toString(before), toString(after)) : 0
}

function columnsOf(table: Table): number {
  return Math.max(0, ...table.children.map((row) => row.children.length))
}
