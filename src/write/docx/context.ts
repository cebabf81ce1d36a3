import type {Definition, FootnoteDefinition, Heading, Root} from 'mdast'
import type {Paragraph} from 'docx'
import {visit} from 'unist-util-visit'
import type {BuildContext} from '../../context.js'
import {headingNodes} from '../../model/outline.js'
import type {OutlineEntry, RevisionKind} from '../../model/types.js'
import type {LoadedImage} from './handlers/image.js'
import {createRevisionState, type RevisionAuthor, type RevisionState} from './revision.js'
import {styleIds} from './style-names.js'
import {toTwips} from './units.js'

/** Direct run formatting a span of text inherits from the inline nodes around it. */
export interface RunFormat {
  bold: boolean
  /** Emphasis: 着重号 (dots under), the Chinese way to stress words (guide §1). */
  emphasisDots: boolean
  strike: boolean
  code: boolean
  /** A character style (引导句, Hyperlink). */
  characterStyle: string | undefined
  /** Inside a redline's insertion or deletion: the runs are tracked changes (revision.ts). */
  revision: RevisionKind | undefined
}

/**
 * What the handlers read, scoped to where they are in the tree: a handler
 * derives a new context for its children (`{...context, paragraphStyle}`)
 * and never changes the one it got.
 */
export interface DocxContext {
  readonly build: BuildContext
  /** Style of the body paragraphs here: Normal, Quote inside a block quote, … */
  readonly paragraphStyle: string
  readonly run: Readonly<RunFormat>
  /** Nesting depth of lists (0 outside any list). */
  readonly listDepth: number
  /** Inside a footnote: no further notes, no bookmarks. */
  readonly inNote: boolean
  /** Width of the text column, for scaling images and sizing tables. */
  readonly textWidthTwips: number
}

/**
 * What the walk accumulates for the whole document; one object per writeDocx
 * call, passed explicitly, so two builds never share anything.
 */
export interface DocxState {
  /** Footnote definitions by normalized identifier, collected before the walk. */
  readonly footnoteDefinitions: ReadonlyMap<string, FootnoteDefinition>
  /** Link and image reference definitions by normalized identifier. */
  readonly definitions: ReadonlyMap<string, Definition>
  /** Word footnote id by definition identifier, in order of first reference. */
  readonly footnoteIds: Map<string, number>
  /** Footnote bodies by Word id, for docx's `footnotes` option. */
  readonly footnotes: Record<number, {children: Paragraph[]}>
  /** Numbering references used by lists (see numbering.ts). */
  readonly numberingReferences: Set<string>
  /** Last list instance handed out: each list restarts its numbering. */
  listInstances: number
  /** Drawing ids (`wp:docPr`): docx's own counter is shared by the whole process. */
  drawings: number
  /** Images read before the walk, by URL (handlers/image.ts). */
  readonly images: ReadonlyMap<string, LoadedImage>
  readonly outline: readonly OutlineEntry[]
  /** The outline entry of each top-level heading node (model/outline.ts pairs them by order). */
  readonly outlineOf: ReadonlyMap<Heading, OutlineEntry>
  /** Author, date and next id of tracked changes; undefined outside a redline. */
  readonly revisions: RevisionState | undefined
}

/** Text with no direct formatting. */
export const plainRun: Readonly<RunFormat> = {bold: false, emphasisDots: false, strike: false, code: false, characterStyle: undefined, revision: undefined}

export function createContext(build: BuildContext): DocxContext {
  const {page} = build.template
  return {
    build,
    paragraphStyle: styleIds.body,
    run: plainRun,
    listDepth: 0,
    inNote: false,
    textWidthTwips: toTwips(page.widthMm - page.margin.insideMm - page.margin.outsideMm)
  }
}

/** Link, image and footnote definitions of the text, which references point to. */
export interface Definitions {
  footnoteDefinitions: Map<string, FootnoteDefinition>
  definitions: Map<string, Definition>
}

export function collectDefinitions(tree: Root): Definitions {
  const footnoteDefinitions = new Map<string, FootnoteDefinition>()
  const definitions = new Map<string, Definition>()
  visit(tree, (node) => {
    if (node.type === 'footnoteDefinition') footnoteDefinitions.set(normalizeIdentifier(node.identifier), node)
    if (node.type === 'definition') definitions.set(normalizeIdentifier(node.identifier), node)
  })
  return {footnoteDefinitions, definitions}
}

export function createState(build: BuildContext, found: Definitions, images: ReadonlyMap<string, LoadedImage>, revisions?: RevisionAuthor): DocxState {
  const {tree, outline} = build.document
  const outlineOf = new Map<Heading, OutlineEntry>()
  headingNodes(tree).forEach((heading, index) => {
    const entry = outline[index]
    if (entry) outlineOf.set(heading, entry)
  })
  return {
    ...found,
    footnoteIds: new Map(),
    footnotes: {},
    numberingReferences: new Set(),
    listInstances: 0,
    drawings: 0,
    images,
    outline,
    outlineOf,
    revisions: revisions ? createRevisionState(revisions, outline.length) : undefined
  }
}

/** mdast identifiers are already normalized by micromark; lower-casing keeps lookups safe. */
export function normalizeIdentifier(identifier: string): string {
  return identifier.toLowerCase()
}
