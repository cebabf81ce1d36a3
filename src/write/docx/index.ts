import type {Nodes, RootContent} from 'mdast'
import {Document, Paragraph, type ISectionOptions} from 'docx'
import type {BuildContext} from '../../context.js'
import type {DocxXml} from '../../check/docx-text.js'
import {compileParts, type PackageParts} from './compile.js'
import {collectDefinitions, createContext, createState, type DocxState} from './context.js'
import {finishParts, text} from './finish.js'
import {blocks} from './handlers/index.js'
import {loadImages} from './handlers/image.js'
import {numberingDefinitions} from './numbering.js'
import type {RevisionAuthor} from './revision.js'
import {bodySections, coverSection, tocSection, type BodySection} from './section.js'
import {styleIds} from './style-names.js'
import {buildStyles} from './styles.js'
import {fillTableOfContents, tableOfContents} from './toc.js'
import {assembleZip, zipEntry, type ZipEntry} from './zip.js'

export interface DocxOptions {
  /**
   * Page numbers of headings by outline id (from the PDF), so the TOC is
   * pre-filled with correct numbers. Default: none (entries without numbers
   * are still written, and Word offers to update the field on opening).
   */
  tocPages?: ReadonlyMap<string, number>
  /**
   * Write the tree's `insertion`/`deletion` nodes and the blocks marked
   * `data.revision` as Word tracked changes by this author at this date (a
   * redline, see src/diff/ and docs/diff.md). Default: none, as for a plain
   * build — inserted text is set as text, deleted text is left out.
   */
  revisions?: RevisionAuthor
}

const emptyOptions: Readonly<DocxOptions> = {}

/**
 * The editable Word copy of the document: cover, 目录 (a real TOC field),
 * then one Word section per top-level section of the body. The same input
 * gives the same bytes: dates come from `context.sourceDateEpoch`.
 */
export async function writeDocx(context: BuildContext, options?: Readonly<DocxOptions>): Promise<Uint8Array> {
  const settings = options ?? emptyOptions
  const draft = await draftDocx(context, settings.revisions ? {revisions: settings.revisions} : {})
  return packDocx(draft, settings.tocPages)
}

/**
 * The Word copy written but for the 目录's page numbers, which the PDF's
 * body print gives last: its parts as text, every edit of finish.ts made,
 * not yet zipped. `writeDocx` is `draftDocx` then `packDocx`; the build runs
 * them in a worker (job.ts), so the draft is made while the PDF prints.
 */
export interface DocxDraft {
  readonly context: BuildContext
  readonly parts: PackageParts
  /** Parts already compressed (prepackDocx), by path. */
  readonly zipped: Map<string, ZipEntry>
}

export async function draftDocx(context: BuildContext, options: Readonly<Pick<DocxOptions, 'revisions'>> = {}): Promise<DocxDraft> {
  const {template, document} = context
  const {meta, tree} = document

  // 1. Read what the walk needs up front: definitions, then the images (async).
  const definitions = collectDefinitions(tree)
  const images = await loadImages(tree, context, definitions.definitions)
  const state = createState(context, definitions, images, options.revisions)

  // 2. Walk the body, one Word section per top-level section.
  const root = createContext(context)
  const body = splitSections(tree.children, state).map((section): BodySection => {
    const children = blocks(section.nodes, root, state)
    // A section break lives in its section's last paragraph mark; a tracked
    // change of that mark would take the break with it, so end on a plain one.
    if (state.revisions && endsInRevision(section.nodes)) children.push(new Paragraph({style: styleIds.body}))
    return {title: section.title, children}
  })

  // 3. Front matter, then assemble and compile to XML.
  const sections: ISectionOptions[] = []
  if (template.cover.show) sections.push(coverSection(context))
  if (template.toc.show) sections.push(tocSection(context, tableOfContents(context), template.cover.show))
  sections.push(...bodySections(context, body))
  const file = new Document({
    title: meta.title,
    ...(meta.subject ? {subject: meta.subject} : {}),
    ...(meta.issuer ? {creator: meta.issuer} : {}),
    ...(meta.keywords.length > 0 ? {keywords: meta.keywords.join(', ')} : {}),
    ...(meta.subtitle ? {description: meta.subtitle} : {}),
    lastModifiedBy: 'paiban',
    revision: 1,
    styles: buildStyles(template, meta),
    numbering: {config: numberingDefinitions(state.numberingReferences, template)},
    footnotes: state.footnotes,
    evenAndOddHeaderAndFooters: template.page.twoSided,
    sections
  })
  const parts = compileParts(file)

  // 4. Fix what docx cannot express or leaves to chance (finish.ts).
  finishParts(parts, {
    epochSeconds: context.sourceDateEpoch,
    language: meta.lang,
    twoSided: template.page.twoSided,
    fonts: template.fonts.map((font) => ({name: font.word.eastAsia, altName: font.word.altName})),
    tracked: state.revisions !== undefined
  })
  return {context, parts, zipped: new Map()}
}

/** The part the 目录's page numbers go into, written last. */
const documentPart = 'word/document.xml'

/** Compress every part but document.xml, as a worker does while it waits for the 目录's numbers. */
export function prepackDocx(draft: DocxDraft): void {
  for (const [path, content] of draft.parts) if (path !== documentPart && !draft.zipped.has(path)) draft.zipped.set(path, zipEntry(path, content))
}

/**
 * The .docx: the draft with the 目录's page numbers filled in (or, without
 * them, its field marked dirty for Word to update), zipped with the build's date.
 */
export function packDocx(draft: DocxDraft, tocPages: ReadonlyMap<string, number> | undefined): Uint8Array {
  const document = fillTableOfContents(text(draft.parts, documentPart), draft.context, tocPages)
  const entries = [...draft.parts].map(([path, content]) => (path === documentPart ? zipEntry(path, document) : (draft.zipped.get(path) ?? zipEntry(path, content))))
  return assembleZip(entries, draft.context.sourceDateEpoch)
}

/** The text of the parts the Word preflight reads (check/docx.ts): the same with or without the 目录's numbers. */
export function draftText(draft: DocxDraft): DocxXml {
  const footnotes = 'word/footnotes.xml'
  return {document: text(draft.parts, documentPart), footnotes: draft.parts.has(footnotes) ? text(draft.parts, footnotes) : undefined}
}

/** Root content cut at each level-1 heading of the outline; text before the first is a section without title. */
function splitSections(nodes: readonly RootContent[], state: DocxState): Array<{title: string | undefined; nodes: RootContent[]}> {
  const sections: Array<{title: string | undefined; nodes: RootContent[]}> = []
  for (const node of nodes) {
    const entry = node.type === 'heading' ? state.outlineOf.get(node) : undefined
    const current = sections.at(-1)
    if (entry?.level === 1 || !current) sections.push({title: entry?.level === 1 ? entry.text : undefined, nodes: [node]})
    else current.nodes.push(node)
  }
  // Word needs a body section even for an empty text.
  return sections.length > 0 ? sections : [{title: undefined, nodes: []}]
}

/** Whether the last block (inside lists, quotes and tables too) is one only one version of a redline has. */
function endsInRevision(nodes: readonly Nodes[]): boolean {
  const last = nodes.at(-1)
  // After a table, section.ts adds a plain paragraph anyway.
  if (!last || last.type === 'table') return false
  if (last.data?.revision) return true
  return 'children' in last && endsInRevision(last.children)
}
