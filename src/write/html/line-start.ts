import type {Element, ElementContent, Root as HastRoot, Text} from 'hast'
import {SKIP, visit} from 'unist-util-visit'

/**
 * Marks that must not start a line (clreq; docs/typesetting.md) but that
 * Chromium breaks before in every line-break mode: the 间隔号 `·` (U+00B7,
 * 卡尔·马克思) and the full-width tilde `～` (3～5 年).
 */
const noLineStart = /[^\s·～][·～]+/gu

/**
 * Keep each such mark on the line of the character before it: the two go
 * into a `span.no-break` (white-space: nowrap, styles/base.css). Within one
 * text node: a mark that opens its element (`<b>卡尔</b>·马克思`) is left as
 * it is. Code keeps its text as typed.
 */
export function keepMarksOffLineStart(tree: HastRoot): void {
  visit(tree, (node, index, parent) => {
    if (node.type === 'element' && (node.tagName === 'code' || node.tagName === 'pre')) return SKIP
    if (node.type !== 'text' || !parent || index === undefined || !/[·～]/u.test(node.value)) return undefined
    const pieces = split(node)
    if (pieces.length === 1) return undefined
    parent.children.splice(index, 1, ...(pieces as ElementContent[]))
    return [SKIP, index + pieces.length]
  })
}

function split(node: Text): Array<Text | Element> {
  const pieces: Array<Text | Element> = []
  let from = 0
  for (const match of node.value.matchAll(noLineStart)) {
    if (match.index > from) pieces.push({type: 'text', value: node.value.slice(from, match.index)})
    pieces.push({type: 'element', tagName: 'span', properties: {className: ['no-break']}, children: [{type: 'text', value: match[0]}]})
    from = match.index + match[0].length
  }
  if (from < node.value.length) pieces.push({type: 'text', value: node.value.slice(from)})
  return pieces
}
