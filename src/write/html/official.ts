import type {Element, ElementContent, Root as HastRoot, RootContent as HastRootContent} from 'hast'
import type {Paragraph, PhrasingContent} from 'mdast'
import type {Options as RemarkRehypeOptions} from 'remark-rehype'
import {attachmentParts} from '../../model/official.js'
import type {OfficialBlock} from '../../model/types.js'
import {nextElement} from './next-element.js'

/** mdast-util-to-hast's state, as remark-rehype hands it to a handler. */
type State = Parameters<NonNullable<NonNullable<RemarkRehypeOptions['handlers']>['paragraph']>>[0]

/**
 * The 公文 elements (model/official.ts) as `div.official.official-<role>`
 * holding one `p` per line; styles/base.css places them as GB/T 9704 does
 * (主送 flush left, 附件说明 2 characters in with hanging numbers, signature
 * centred over the date, date 4 characters from the right).
 *
 * Each attachment line is split into `span.attachment-label` ("附件："),
 * `span.attachment-number` ("1.") and `span.attachment-name`, so the CSS can
 * hang the numbers and align a wrapped name with the name above it.
 */
export function officialBlockToHast(state: State, node: OfficialBlock): Element {
  const lines = node.children.map((line): Element => {
    const children = node.role === 'attachments' ? attachmentLine(state, line) : (state.all(line) as ElementContent[])
    const paragraph: Element = {type: 'element', tagName: 'p', properties: {}, children}
    state.patch(line, paragraph)
    return paragraph
  })
  const result: Element = {
    type: 'element',
    tagName: 'div',
    properties: {className: ['official', `official-${node.role}`]},
    children: state.wrap(lines, true)
  }
  state.patch(node, result)
  return result
}

/** Class names the sanitizer lets through (to-hast.ts). */
export const officialClassNames = [
  'official', 'official-addressee', 'official-attachments', 'official-signature', 'official-date', 'official-closing',
  'attachment-label', 'attachment-number', 'attachment-name'
]

function attachmentLine(state: State, line: Paragraph): ElementContent[] {
  const [first, ...rest] = line.children
  const text = first?.type === 'text' ? first.value : ''
  const parts = attachmentParts(text)
  if (first?.type !== 'text' || parts.nameStart === 0) return [span('attachment-name', state.all(line) as ElementContent[])]
  const name: PhrasingContent[] = [{type: 'text', value: text.slice(parts.nameStart)}, ...rest]
  return [
    ...(parts.label ? [span('attachment-label', [{type: 'text', value: parts.label}])] : []),
    ...(parts.number ? [span('attachment-number', [{type: 'text', value: parts.number}])] : []),
    span('attachment-name', state.all({type: 'paragraph', children: name}) as ElementContent[])
  ]
}

function span(className: string, children: ElementContent[]): Element {
  return {type: 'element', tagName: 'span', properties: {className: [className]}, children}
}

/**
 * A signature followed by its date becomes one `div.official-closing`, so
 * the CSS can centre the signature over the date (GB/T 9704 §7.3.5.1).
 */
export function groupClosing(tree: HastRoot): void {
  const children: HastRootContent[] = []
  for (let index = 0; index < tree.children.length; index++) {
    const node = tree.children[index]
    if (!node) continue
    const next = nextElement(tree.children, index + 1)
    if (hasClass(node, 'official-signature') && next && hasClass(next.node, 'official-date')) {
      children.push({type: 'element', tagName: 'div', properties: {className: ['official-closing']}, children: [node, {type: 'text', value: '\n'}, next.node]})
      index = next.index
      continue
    }
    children.push(node)
  }
  tree.children = children
}


function hasClass(node: HastRootContent, name: string): node is Element {
  const className = node.type === 'element' ? node.properties['className'] : undefined
  return Array.isArray(className) && className.includes(name)
}
