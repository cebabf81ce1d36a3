import type {RootContent} from 'mdast'
import {Paragraph, type FileChild} from 'docx'
import type {DocxContext, DocxState} from '../context.js'
import {blockquote, code, heading, paragraph, thematicBreak} from './block.js'
import {inlines} from './inline.js'
import {list} from './list.js'
import {officialBlock} from './official.js'
import {table} from './table.js'

/** Word blocks (paragraphs, tables) for a run of mdast nodes. */
export function blocks(nodes: readonly RootContent[], context: DocxContext, state: DocxState): FileChild[] {
  // A 公文 signature is centred over the date after it (official.ts).
  // A heading of a run-in level runs into the paragraph after it, if one follows (block.ts).
  return nodes.flatMap((node, index) =>
    node.type === 'officialBlock'
      ? officialBlock(node, context, state, nodes[index + 1])
      : node.type === 'heading'
        ? heading(node, context, state, nodes[index + 1]?.type === 'paragraph')
        : block(node, context, state)
  )
}

/** Every mdast node type, by where it is handled or why it is dropped. */
function block(node: RootContent, context: DocxContext, state: DocxState): FileChild[] {
  switch (node.type) {
    case 'paragraph':
      return paragraph(node, context, state)
    case 'heading':
      return heading(node, context, state, false)
    case 'blockquote':
      return blockquote(node, context, state)
    case 'list':
      return list(node, context, state)
    case 'table':
      return table(node, context, state)
    case 'officialBlock':
      return officialBlock(node, context, state)
    // model/official.ts unwraps every container it does not know; text and
    // leaf directives are never read (read/container-directive.ts).
    case 'containerDirective':
      return blocks(node.children, context, state)
    case 'leafDirective':
      return []
    case 'code':
      return code(node, context, state)
    case 'thematicBreak':
      return thematicBreak(node, context, state)
    // Raw HTML is markup, not content; definitions are reached through their
    // references (footnotes in inline.ts); front matter became DocumentMeta.
    case 'html':
    case 'definition':
    case 'footnoteDefinition':
    case 'yaml':
      return []
    // Only ever children of a list or table, handled there.
    case 'listItem':
    case 'tableRow':
    case 'tableCell':
      return []
    // Phrasing content never stands alone in a tree from remark-parse; if a
    // transform leaves some there, it is set as a paragraph rather than lost.
    case 'text':
    case 'emphasis':
    case 'strong':
    case 'delete':
    case 'inlineCode':
    case 'break':
    case 'link':
    case 'linkReference':
    case 'image':
    case 'imageReference':
    case 'footnoteReference':
    case 'leadSentence':
    case 'textDirective':
    case 'insertion':
    case 'deletion':
      return [new Paragraph({style: context.paragraphStyle, children: inlines([node], context, state)})]
  }
}
