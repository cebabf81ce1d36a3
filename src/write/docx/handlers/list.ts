import type {List, ListItem} from 'mdast'
import {Paragraph, type FileChild} from 'docx'
import type {DocxContext, DocxState} from '../context.js'
import {maxListLevel, numberingReference} from '../numbering.js'
import {styleIds} from '../style-names.js'
import {paragraph, type ListNumbering} from './block.js'
import {blocks} from './index.js'

/**
 * A list with real Word numbering: its items are `List Paragraph`s numbered
 * from a numbering definition (numbering.ts) at the list's nesting level.
 * Every list is an instance of its own, so each starts again at its `start`.
 */
export function list(node: List, context: DocxContext, state: DocxState): FileChild[] {
  const reference = numberingReference(node)
  state.numberingReferences.add(reference)
  state.listInstances += 1
  const numbering: ListNumbering = {reference, level: Math.min(context.listDepth, maxListLevel), instance: state.listInstances}
  const itemContext: DocxContext = {...context, paragraphStyle: styleIds.listParagraph, listDepth: context.listDepth + 1}
  return node.children.flatMap((item) => listItem(item, numbering, itemContext, state))
}

/** The item's first paragraph carries the number; what follows (more paragraphs, nested lists) is set after it. */
function listItem(item: ListItem, numbering: ListNumbering, context: DocxContext, state: DocxState): FileChild[] {
  const [first, ...rest] = item.children
  if (first?.type === 'paragraph') return [...paragraph(first, context, state, numbering), ...blocks(rest, context, state)]
  return [new Paragraph({style: styleIds.listParagraph, numbering}), ...blocks(item.children, context, state)]
}
