import type {Nodes, PhrasingContent, Text} from 'mdast'
import type {Position} from 'unist'
import {originsOf} from './block-text.js'
import {positionOf, type NormalizeState} from './report.js'

/**
 * Splitting a block's inline content at a character offset: how a run-in
 * heading leaves its paragraph, how 二要… starts a paragraph of its own and
 * how a lead sentence goes into `**…**`. Offsets count `plainText` units.
 */

/** The text of a node as the structure rules read it (inline code included, image alt not). */
export function plainText(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('')
  return ''
}

/**
 * Split inline content at `offset`. A text node is cut in two (each half
 * keeps its input offsets); any other node must lie wholly on one side, or
 * the split is refused (undefined).
 */
export function splitPhrasing(children: readonly PhrasingContent[], offset: number, state: NormalizeState): [PhrasingContent[], PhrasingContent[]] | undefined {
  const before: PhrasingContent[] = []
  const after: PhrasingContent[] = []
  let consumed = 0
  for (const child of children) {
    const length = plainText(child).length
    if (consumed >= offset) after.push(child)
    else if (consumed + length <= offset) before.push(child)
    else if (child.type === 'text') {
      const cut = offset - consumed
      const [head, tail] = splitText(child, cut, state)
      before.push(head)
      after.push(tail)
    } else {
      return undefined
    }
    consumed += length
  }
  return [before, after]
}

function splitText(node: Text, cut: number, state: NormalizeState): [Text, Text] {
  const origins = originsOf(node, state)
  const head = textNode(node.value.slice(0, cut), origins.slice(0, cut), state)
  const tail = textNode(node.value.slice(cut), origins.slice(cut), state)
  return [head, tail]
}

/** A text node whose units come from `origins`, with a position spanning them. */
export function textNode(value: string, origins: readonly number[], state: NormalizeState): Text {
  const node: Text = {type: 'text', value}
  const position = spanOf(origins, state)
  if (position) node.position = position
  state.origins.set(node, origins)
  return node
}

/** Input offsets of all text units under some inline content, in order. */
export function originsUnder(children: readonly Nodes[], state: NormalizeState): number[] {
  const result: number[] = []
  for (const child of children) {
    if (child.type === 'text') result.push(...originsOf(child, state))
    else if ('children' in child) result.push(...originsUnder(child.children as Nodes[], state))
    else if (child.type === 'inlineCode') {
      const start = child.position?.start.offset ?? result[result.length - 1] ?? 0
      for (let index = 0; index < child.value.length; index++) result.push(start)
    }
  }
  return result
}

/** The input span of some origins (first to last unit). */
export function spanOf(origins: readonly number[], state: NormalizeState): Position | undefined {
  const first = origins[0]
  const last = origins[origins.length - 1]
  if (first === undefined || last === undefined) return undefined
  return positionOf(state, Math.min(first, last), Math.max(first, last) + 1)
}
