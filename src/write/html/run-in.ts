import type {Element, Root as HastRoot, RootContent} from 'hast'
import type {ResolvedTemplate} from '../../template/resolve.js'
import {nextElement} from './next-element.js'

/**
 * Run-in headings (公文 levels 2–4, template `headings[n].runIn`): a heading
 * of such a level and the paragraph after it go into one `div.run-in`, in
 * which both are set inline (template-css.ts), so the heading opens the
 * paragraph's first line and the next heading starts a line of its own. The
 * heading stays an `h3`–`h6` with its id: bookmarks and the 目录 still find it.
 * A heading followed by anything but a paragraph is left alone.
 */
export function wrapRunInHeadings(tree: HastRoot, template: ResolvedTemplate): void {
  const tags = new Set(template.headings.filter((heading) => heading.runIn).map((heading) => `h${Math.min(heading.level + 1, 6)}`))
  if (tags.size === 0) return
  const children: RootContent[] = []
  for (let index = 0; index < tree.children.length; index++) {
    const node = tree.children[index]
    if (!node) continue
    const next = nextElement(tree.children, index + 1)
    if (node.type === 'element' && tags.has(node.tagName) && next?.node.tagName === 'p') {
      const wrapper: Element = {type: 'element', tagName: 'div', properties: {className: ['run-in']}, children: [node, next.node]}
      if (node.position) wrapper.position = node.position
      children.push(wrapper)
      index = next.index
    } else {
      children.push(node)
    }
  }
  tree.children = children
}

