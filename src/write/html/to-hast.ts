import type {Element, Root as HastRoot, RootContent} from 'hast'
import type {Nodes as MdastNode, Root as MdastRoot} from 'mdast'
import rehypeSanitize, {defaultSchema, type Options as SanitizeSchema} from 'rehype-sanitize'
import remarkRehype, {type Options as RemarkRehypeOptions} from 'remark-rehype'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'
import type {Deletion, Insertion, LeadSentence, OutlineEntry} from '../../model/types.js'
import {requireFromPaiban} from '../../paths.js'
import {groupClosing, officialBlockToHast, officialClassNames} from './official.js'

/**
 * Raw HTML in Markdown is parsed, then sanitized with GitHub's schema: no
 * script, iframe, style or link element, no event handler, no `javascript:`
 * URL. Images may only name files beside the document (see dropRemoteImages),
 * so the page never loads anything remote. Our own classes (lead sentence,
 * 公文 elements) are allowed.
 */
const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  // remark-rehype already prefixes footnote ids; a second prefix would break their links.
  clobberPrefix: '',
  attributes: {
    ...defaultSchema.attributes,
    // A redline's blocks that only one version has (see markRevisions).
    '*': [...(defaultSchema.attributes?.['*'] ?? []), ['dataRevision', 'inserted', 'deleted']],
    strong: [...(defaultSchema.attributes?.['strong'] ?? []), ['className', 'lead']],
    div: [...(defaultSchema.attributes?.['div'] ?? []), ['className', ...officialClassNames]],
    span: [...(defaultSchema.attributes?.['span'] ?? []), ['className', ...officialClassNames]]
  },
  // A stylesheet's text is not the document's text: drop it with the element.
  strip: [...(defaultSchema.strip ?? []), 'style']
}

const remarkRehypeOptions: RemarkRehypeOptions = {
  allowDangerousHtml: true,
  footnoteLabel: '注释',
  footnoteBackLabel: '返回正文',
  handlers: {
    // A redline's changes (src/diff/): what the newer version adds and what it removes.
    insertion(state, node: Insertion) {
      const result: Element = {type: 'element', tagName: 'ins', properties: {}, children: state.all(node) as Element['children']}
      state.patch(node, result)
      return result
    },
    deletion(state, node: Deletion) {
      const result: Element = {type: 'element', tagName: 'del', properties: {}, children: state.all(node) as Element['children']}
      state.patch(node, result)
      return result
    },
    leadSentence(state, node: LeadSentence) {
      const result: Element = {
        type: 'element',
        tagName: 'strong',
        properties: {className: ['lead']},
        children: state.all(node) as Element['children']
      }
      state.patch(node, result)
      return result
    },
    officialBlock: officialBlockToHast
  }
}

/**
 * Raw HTML is parsed (rehype-raw re-parses the whole tree through parse5),
 * then everything is sanitized. A text without raw HTML, the usual case,
 * skips the re-parse: on a 250,000-character book that is most of the time
 * mdast → hast takes.
 */
const withoutRawHtml = unified().use(remarkRehype, remarkRehypeOptions).use(rehypeSanitize, sanitizeSchema)

let withRawHtml: typeof withoutRawHtml | undefined

/**
 * The processor for a text with raw HTML. rehype-raw (and parse5) is loaded
 * only then, on first use: toHast is synchronous, so it is required (Node
 * ≥ 20.19 requires ES modules), which gives the same module an import would.
 */
function rawHtmlProcessor(): typeof withoutRawHtml {
  if (!withRawHtml) {
    const {default: rehypeRaw} = requireFromPaiban('rehype-raw') as typeof import('rehype-raw')
    withRawHtml = unified().use(remarkRehype, remarkRehypeOptions).use(rehypeRaw).use(rehypeSanitize, sanitizeSchema)
  }
  return withRawHtml
}

/**
 * mdast → sanitized hast, with headings renumbered to the outline: level 1
 * becomes `h2` (the document title is the page's `h1`), and each heading gets
 * its outline id so the 目录, the bookmarks and the Word copy point alike.
 */
export function toHast(tree: MdastRoot, outline: OutlineEntry[]): HastRoot {
  const {rawHtml, revisions} = scan(tree)
  const marked = revisions ? markRevisions(tree) : tree
  const result: HastRoot = (rawHtml ? rawHtmlProcessor() : withoutRawHtml).runSync(marked)
  numberHeadings(result, outline)
  dropRemoteImagesAndCaptionFigures(result)
  groupClosing(result)
  return result
}

/** Whether the tree has raw HTML, and blocks a redline marks: one walk, instead of a visit per question. */
function scan(tree: MdastRoot): {rawHtml: boolean; revisions: boolean} {
  let rawHtml = false
  let revisions = false
  const walk = (node: MdastNode): void => {
    if (node.type === 'html') rawHtml = true
    if (node.data?.revision) revisions = true
    if ('children' in node) for (const child of node.children) walk(child)
  }
  walk(tree)
  return {rawHtml, revisions}
}

/**
 * A redline's block that only one version has (`data.revision`) gets a
 * `data-revision` attribute, for the redline's stylesheet, on a copy of the tree.
 */
function markRevisions(tree: MdastRoot): MdastRoot {
  const copy = structuredClone(tree)
  visit(copy, (node) => {
    const revision = node.data?.revision
    if (revision) node.data = {...node.data, hProperties: {...node.data?.hProperties, dataRevision: revision}}
  })
  return copy
}

function numberHeadings(tree: HastRoot, outline: OutlineEntry[]): void {
  let index = 0
  tree.children = tree.children.map((node): RootContent => {
    if (node.type !== 'element' || !/^h[1-6]$/.test(node.tagName)) return node
    const entry = outline[index++]
    if (!entry) return node
    return {...node, tagName: `h${Math.min(entry.level + 1, 6)}`, properties: {...node.properties, id: entry.id}}
  })
}

/**
 * One walk over the elements, children before their parent:
 * - a remote image (a URL with a scheme, or `//host`) shows its alt text instead;
 * - then a paragraph that holds only images is a figure, and an image's title
 *   (`![alt](src "title")`) is its caption, as in the Word copy.
 */
function dropRemoteImagesAndCaptionFigures(parent: HastRoot | Element): void {
  const children = parent.children
  for (let index = 0; index < children.length; index++) {
    const node = children[index]
    if (node?.type !== 'element') continue
    if (node.tagName === 'img' && !isAllowedImage(node)) {
      const alt = typeof node.properties['alt'] === 'string' ? node.properties['alt'] : ''
      children.splice(index, 1, ...(alt ? [{type: 'text' as const, value: alt}] : []))
      // Look at what now stands at this index.
      index--
      continue
    }
    dropRemoteImagesAndCaptionFigures(node)
    if (node.tagName === 'p') captionFigure(node)
  }
}

function isAllowedImage(node: Element): boolean {
  const src = node.properties['src']
  const local = typeof src === 'string' && !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(src)
  return local || (typeof src === 'string' && src.startsWith('data:image/'))
}

function captionFigure(node: Element): void {
  const images = node.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'img')
  const onlyImages = images.length > 0 && node.children.every((child) => (child.type === 'element' && child.tagName === 'img') || (child.type === 'text' && child.value.trim() === ''))
  if (!onlyImages) return
  node.tagName = 'figure'
  const titles = images.map((image) => image.properties['title']).filter((title): title is string => typeof title === 'string' && title !== '')
  for (const title of titles) node.children.push({type: 'element', tagName: 'figcaption', properties: {}, children: [{type: 'text', value: title}]})
}
