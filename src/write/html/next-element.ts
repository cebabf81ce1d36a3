import type {Element, RootContent} from 'hast'

/**
 * The next element after `from`, skipping the whitespace between blocks;
 * undefined when something else (text, a comment) comes first. Used to pair a
 * block with the one that follows it (a run-in heading and its paragraph, a
 * signature and its date).
 */
export function nextElement(nodes: readonly RootContent[], from: number): {node: Element; index: number} | undefined {
  for (let index = from; index < nodes.length; index++) {
    const node = nodes[index]
    if (node?.type === 'element') return {node, index}
    if (node?.type === 'text' && node.value.trim() === '') continue
    return undefined
  }
  return undefined
}
