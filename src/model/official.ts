import type {Paragraph, Parent, Root, RootContent} from 'mdast'
import type {ContainerDirective} from 'mdast-util-directive'
import type {Plugin} from 'unified'
import type {VFile} from 'vfile'
import type {OfficialBlock, OfficialRole} from './types.js'

/** Container names paiban reads, in the order a 公文 has them. */
export const officialRoles: readonly OfficialRole[] = ['addressee', 'attachments', 'signature', 'date']

export function isOfficialRole(name: string): name is OfficialRole {
  return (officialRoles as readonly string[]).includes(name)
}

/**
 * `:::addressee` … `:::` (and attachments, signature, date) → `officialBlock`
 * nodes. A container must hold paragraphs only, one per line of the 公文; any
 * other container (an unknown name, or one holding a list or a heading) is
 * unwrapped — its content stays, as body text — and a message says why.
 */
export function markOfficialBlocks(tree: Root, file?: VFile): void {
  replaceIn(tree, file)
}

function replaceIn(parent: Parent, file: VFile | undefined): void {
  // Containers are flow content: they never stand in a paragraph or a heading,
  // whose (phrasing) children are most of a book's nodes.
  if (parent.type === 'paragraph' || parent.type === 'heading') return
  let children: RootContent[] | undefined
  const siblings = parent.children as RootContent[]
  siblings.forEach((child, index) => {
    if ('children' in child) replaceIn(child, file)
    if (child.type !== 'containerDirective') {
      children?.push(child)
      return
    }
    // The first container met: the children before it stay as they are.
    children ??= siblings.slice(0, index)
    const block = officialBlockOf(child, file)
    if (block) children.push(block)
    else children.push(...(child.children as RootContent[]))
  })
  if (children) parent.children = children as typeof parent.children
}

function officialBlockOf(directive: ContainerDirective, file: VFile | undefined): OfficialBlock | undefined {
  const place = directive.position
  if (!isOfficialRole(directive.name)) {
    file?.message(`Unexpected container \`:::${directive.name}\`, expected one of ${officialRoles.map((role) => `\`:::${role}\``).join(', ')}; its content is set as body text`, {
      place, ruleId: 'unknown-directive', source: 'paiban-model'
    })
    return undefined
  }
  const paragraphs = directive.children.filter((child): child is Paragraph => child.type === 'paragraph')
  if (paragraphs.length !== directive.children.length || paragraphs.length === 0) {
    file?.message(`Unexpected content in \`:::${directive.name}\`, expected one paragraph per line; its content is set as body text`, {
      place, ruleId: 'unknown-directive', source: 'paiban-model'
    })
    return undefined
  }
  const block: OfficialBlock = {type: 'officialBlock', role: directive.name, children: paragraphs}
  if (place) block.position = place
  return block
}

/**
 * The parts of one attachment line: the label "附件：" (first line only),
 * the number ("1." "1．" "1、"), and where the name starts. Writers set the
 * number hanging, as GB/T 9704 §7.3.5 lays out "附件：1．…" lists.
 */
export interface AttachmentParts {
  label: string
  number: string
  /** Offset of the name in the line's text. */
  nameStart: number
}

export function attachmentParts(text: string): AttachmentParts {
  const match = /^(附件[：:]?)?(\d{1,2}[.．、])?/u.exec(text)
  const label = match?.[1] ?? ''
  const number = match?.[2] ?? ''
  return {label, number, nameStart: label.length + number.length}
}

/** unified plugin: see markOfficialBlocks. */
const remarkOfficial: Plugin<[], Root> = function () {
  return (tree, file) => {
    markOfficialBlocks(tree, file)
  }
}

export default remarkOfficial
