import type {Nodes, PhrasingContent, Root} from 'mdast'

/**
 * What Accept All and Reject All make of a redline tree, and a compact
 * rendering of phrasing content (text with its formatting) to compare by.
 */
export function accept<T extends Nodes>(node: T): T {
  return resolve(node, 'insertion', 'deletion')
}

export function reject<T extends Nodes>(node: T): T {
  return resolve(node, 'deletion', 'insertion')
}

const containers = new Set(['list', 'listItem', 'blockquote', 'table', 'footnoteDefinition'])

function resolve<T extends Nodes>(node: T, keep: 'insertion' | 'deletion', drop: 'insertion' | 'deletion'): T {
  const copy = structuredClone(node)
  const walk = (parent: Nodes): void => {
    if (!('children' in parent)) return
    const children: Nodes[] = []
    for (const child of parent.children as Nodes[]) {
      if (child.data?.revision === (drop === 'insertion' ? 'inserted' : 'deleted')) continue
      if (child.data?.revision) child.data = {}
      if (child.type === drop) continue
      if (child.type === keep) {
        for (const inner of child.children) {
          walk(inner)
          children.push(inner)
        }
        continue
      }
      walk(child)
      // A container whose blocks all went (a deleted list item) is gone too: Word has only its paragraphs.
      if (containers.has(child.type) && 'children' in child && child.children.length === 0) continue
      children.push(child)
    }
    ;(parent as {children: Nodes[]}).children = children
  }
  walk(copy)
  return copy
}

/** Phrasing content as text with Markdown-like marks, adjacent text joined. */
export function render(nodes: readonly PhrasingContent[]): string {
  return nodes
    .map((node): string => {
      switch (node.type) {
        case 'text':
          return node.value
        // A wrapper whose text all went leaves an empty wrapper behind, which sets nothing.
        case 'strong':
          return wrap('**', render(node.children), '**')
        case 'emphasis':
          return wrap('*', render(node.children), '*')
        case 'link':
          return `[${render(node.children)}](${node.url})`
        case 'insertion':
          return `{+${render(node.children)}+}`
        case 'deletion':
          return `{-${render(node.children)}-}`
        case 'leadSentence':
          return `<lead>${render(node.children)}</lead>`
        case 'inlineCode':
          return `\`${node.value}\``
        case 'footnoteReference':
          return `[^${node.identifier}]`
        default:
          return `<${node.type}>`
      }
    })
    .join('')
}

function wrap(open: string, inner: string, close: string): string {
  return inner === '' ? '' : `${open}${inner}${close}`
}

/** Every revision node and revised block of a tree. */
export function revisionsOf(tree: Root): Nodes[] {
  const found: Nodes[] = []
  const walk = (node: Nodes): void => {
    if (node.type === 'insertion' || node.type === 'deletion' || node.data?.revision) found.push(node)
    if ('children' in node) for (const child of node.children) walk(child)
  }
  walk(tree)
  return found
}
