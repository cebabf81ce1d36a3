import type {Nodes, Parent, PhrasingContent, Text} from 'mdast'
import {placeholder} from './characters.js'
import {enabled, report, type NormalizeState} from './report.js'
import {applyEdits, type TextRule, type TrackedText} from './tracked-text.js'

/**
 * A block (paragraph, heading, table cell) seen as one string, so rules see
 * the neighbours of a mark even across `**` or links. Nodes the rules must
 * not edit (inline code, images, HTML, breaks) stand as one placeholder.
 */
export interface BlockText {
  text: TrackedText
  /** Text nodes, indexed by `text.owners`. */
  nodes: Text[]
}

/** Phrasing containers whose text the rules read and edit. */
const transparent = new Set(['strong', 'emphasis', 'delete', 'link', 'linkReference', 'leadSentence'])

export function flattenBlock(block: Parent, state: NormalizeState): BlockText {
  let value = ''
  const origins: number[] = []
  const owners: number[] = []
  const nodes: Text[] = []
  const walk = (children: readonly Nodes[]): void => {
    for (const child of children) {
      if (child.type === 'text') {
        const childOrigins = originsOf(child, state)
        value += child.value
        origins.push(...childOrigins)
        for (let index = 0; index < child.value.length; index++) owners.push(nodes.length)
        nodes.push(child)
      } else if (transparent.has(child.type) && 'children' in child) {
        walk(child.children)
      } else {
        value += placeholder
        origins.push(child.position?.start.offset ?? origins[origins.length - 1] ?? 0)
        owners.push(-1)
      }
    }
  }
  walk(block.children as Nodes[])
  return {text: {value, origins, owners}, nodes}
}

/** Rounds of rules on one block; each round only ever removes or narrows what the next can change. */
const maxRounds = 8

/** Run rules in order on a block, report what each changed, write the result back into its text nodes. */
export function rewriteBlock(block: Parent, rules: readonly TextRule[], state: NormalizeState): void {
  const flat = flattenBlock(block, state)
  let text = flat.text
  let changed = false
  // One fix can make another mark Chinese (",,:一": the `:` first, then the
  // commas before it), so the rules run until they find nothing more.
  for (let round = 0; round < maxRounds; round++) {
    let changedThisRound = false
    for (const rule of rules) {
      const edits = rule(text.value, state.context).filter((edit) => enabled(state, edit.ruleId))
      const {text: next, applied} = applyEdits(text, edits)
      for (const edit of applied) {
        report(state, {
          ruleId: edit.ruleId,
          reason: edit.reason,
          start: edit.originStart,
          end: edit.originEnd,
          actual: edit.actual,
          expected: edit.insert
        })
      }
      if (applied.length > 0) changedThisRound = true
      text = next
    }
    if (!changedThisRound) break
    changed = true
  }
  if (changed) writeBack(block, flat.nodes, text, state)
}

function writeBack(block: Parent, nodes: readonly Text[], text: TrackedText, state: NormalizeState): void {
  const values = nodes.map(() => '')
  const origins: number[][] = nodes.map(() => [])
  for (let index = 0; index < text.value.length; index++) {
    const owner = text.owners[index] ?? -1
    if (owner < 0) continue
    values[owner] += text.value[index] ?? ''
    origins[owner]?.push(text.origins[index] ?? 0)
  }
  nodes.forEach((node, index) => {
    node.value = values[index] ?? ''
    state.origins.set(node, origins[index] ?? [])
  })
  removeEmpty(block)
}

/** Drop text nodes the rules emptied, and containers left with nothing in them. */
function removeEmpty(parent: Parent): void {
  parent.children = parent.children.filter((child) => {
    if (child.type === 'text') return child.value !== ''
    if (transparent.has(child.type) && 'children' in child) {
      removeEmpty(child)
      return child.children.length > 0
    }
    return true
  }) as PhrasingContent[]
}

/**
 * Input offsets of a text node's value. Plain text input records them when
 * it builds the tree; for Markdown input the value is aligned with its
 * source slice, skipping backslash escapes, character references and the
 * indentation of continuation lines.
 */
export function originsOf(node: Text, state: NormalizeState): readonly number[] {
  const known = state.origins.get(node)
  if (known) return known
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  const origins: number[] = []
  if (start === undefined || end === undefined) {
    for (let index = 0; index < node.value.length; index++) origins.push(0)
  } else {
    const source = state.input.slice(start, end)
    let cursor = 0
    for (let index = 0; index < node.value.length; index++) {
      const character = node.value[index]
      while (cursor < source.length && source[cursor] !== character) {
        const reference = /^&(?:#x?[\da-f]+|[a-z][a-z\d]*);/iu.exec(source.slice(cursor))
        if (reference) break
        if (source[cursor] === '\\' || /\s/u.test(source[cursor] ?? '')) cursor++
        else break
      }
      origins.push(start + Math.min(cursor, source.length))
      const reference = source[cursor] === character ? undefined : /^&(?:#x?[\da-f]+|[a-z][a-z\d]*);/iu.exec(source.slice(cursor))
      cursor += reference ? reference[0].length : 1
    }
  }
  state.origins.set(node, origins)
  return origins
}
