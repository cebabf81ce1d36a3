import type {Nodes, Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {DocumentMeta} from '../model/types.js'

/** A block of the source as it must come out: its text without whitespace, and where it is. */
export interface SourceBlock {
  text: string
  line: number | undefined
  column: number | undefined
  /** Footnotes print apart from the body (PDF: at the end; Word: footnotes.xml). */
  footnote: boolean
}

const leafBlocks = new Set(['paragraph', 'heading', 'code', 'tableCell'])

export function squash(text: string): string {
  return text.replace(/\s+/gu, '')
}

/**
 * The source's text, block by block in reading order: what every output must
 * hold. The title (and subtitle) come first, as the body prints them; raw HTML
 * and image descriptions are not printed text.
 */
export function sourceBlocks(tree: Root, meta: DocumentMeta, options: {withTitle: boolean}): SourceBlock[] {
  const blocks: SourceBlock[] = []
  if (options.withTitle) {
    blocks.push({text: squash(meta.title), line: 1, column: 1, footnote: false})
    if (meta.subtitle) blocks.push({text: squash(meta.subtitle), line: 1, column: 1, footnote: false})
  }
  const visit = (node: Nodes, footnote: boolean): void => {
    if (leafBlocks.has(node.type)) {
      const text = squash(toString(node, {includeHtml: false, includeImageAlt: false}))
      if (text) blocks.push({text, line: node.position?.start.line, column: node.position?.start.column, footnote})
      return
    }
    if ('children' in node) for (const child of node.children) visit(child, footnote || node.type === 'footnoteDefinition')
  }
  visit(tree, false)
  // Footnotes print after the body, in the order they are defined.
  return [...blocks.filter((block) => !block.footnote), ...blocks.filter((block) => block.footnote)]
}
