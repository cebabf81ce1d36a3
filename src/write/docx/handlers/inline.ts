import type {PhrasingContent, Text} from 'mdast'
import {
  EmphasisMarkType,
  ExternalHyperlink,
  FootnoteReference,
  FootnoteReferenceRun,
  InternalHyperlink,
  Paragraph,
  TextRun,
  type IRunOptions,
  type ImageRun,
  type ParagraphChild
} from 'docx'
import {normalizeIdentifier, plainRun, type DocxContext, type DocxState, type RunFormat} from '../context.js'
import {styleIds} from '../style-names.js'
import {revisedTextRun} from '../revision.js'
import {monospaceLatinFont, runFonts} from '../styles.js'
import {bookmarkName} from '../toc.js'
import {blocks} from './index.js'
import {imageRun} from './image.js'

/** Runs for phrasing content; formatting flows down through `context.run`. */
export function inlines(nodes: readonly PhrasingContent[], context: DocxContext, state: DocxState): ParagraphChild[] {
  return nodes.flatMap((node) => inline(node, context, state))
}

function inline(node: PhrasingContent, context: DocxContext, state: DocxState): ParagraphChild[] {
  switch (node.type) {
    case 'text':
      return [textRun(joinSegments(node.value), context, state)]
    case 'strong':
      return inlines(node.children, withRun(context, {bold: true}), state)
    case 'emphasis':
      return inlines(node.children, withRun(context, {emphasisDots: true}), state)
    case 'delete':
      return inlines(node.children, withRun(context, {strike: true}), state)
    case 'leadSentence':
      return inlines(node.children, withRun(context, {characterStyle: styleIds.leadSentence}), state)
    case 'inlineCode':
      return [textRun(node.value, withRun(context, {code: true}), state)]
    case 'break':
      return [run({...runOptions(context), break: 1}, context, state)]
    case 'link':
      return link(node.url, node.children, context, state)
    case 'linkReference': {
      const definition = state.definitions.get(normalizeIdentifier(node.identifier))
      return definition ? link(definition.url, node.children, context, state) : inlines(node.children, context, state)
    }
    case 'image':
      return [revised(imageRun(node, context, state), context, state)]
    case 'imageReference': {
      const definition = state.definitions.get(normalizeIdentifier(node.identifier))
      if (!definition) return []
      const image = {url: definition.url, alt: node.alt ?? null, title: definition.title ?? null}
      return [revised(imageRun(node.position ? {...image, position: node.position} : image, context, state), context, state)]
    }
    // A redline's changes: tracked in Word; in a plain build, the newer text only.
    case 'insertion':
      return inlines(node.children, state.revisions ? withRun(context, {revision: 'inserted'}) : context, state)
    case 'deletion':
      return state.revisions ? inlines(node.children, withRun(context, {revision: 'deleted'}), state) : []
    case 'footnoteReference':
      return footnoteReference(node.identifier, context, state)
    // Raw HTML is markup, not content: the Word copy drops it, as the PDF does.
    case 'html':
      return []
    // Never read: paiban's Markdown has container directives only (read/container-directive.ts).
    case 'textDirective':
      return inlines(node.children, context, state)
  }
}

function textRun(text: string, context: DocxContext, state: DocxState): ParagraphChild {
  return run({...runOptions(context), text}, context, state)
}

/** A text run, inside `w:ins`/`w:del` when the text around it is a redline's change. */
export function run(options: IRunOptions, context: DocxContext, state: DocxState): ParagraphChild {
  const kind = context.run.revision
  return kind && state.revisions ? revisedTextRun(kind, options, state.revisions) : new TextRun(options)
}

/** An image run, inside `w:ins`/`w:del` when in a change (docx writes it after an empty run there). */
function revised(child: ImageRun, context: DocxContext, state: DocxState): ParagraphChild {
  const kind = context.run.revision
  return kind && state.revisions ? revisedTextRun(kind, {children: [child]}, state.revisions) : child
}

/** Direct formatting: only strong, emphasis, strikethrough and inline code (plus a character style). */
function runOptions(context: DocxContext): IRunOptions {
  const format = context.run
  return {
    ...(format.characterStyle ? {style: format.characterStyle} : {}),
    ...(format.bold ? {bold: true} : {}),
    ...(format.emphasisDots ? {emphasisMark: {type: EmphasisMarkType.DOT}} : {}),
    ...(format.strike ? {strike: true} : {}),
    ...(format.code ? {font: runFonts(context.build.template.body.font, monospaceLatinFont)} : {})
  }
}

function withRun(context: DocxContext, change: Partial<RunFormat>): DocxContext {
  return {...context, run: {...context.run, ...change}}
}

/**
 * External URLs become hyperlinks; `#sec-1-2` links to a heading's bookmark.
 * Links to other files cannot work inside a .docx, so only their text is kept.
 */
function link(url: string, children: PhrasingContent[], context: DocxContext, state: DocxState): ParagraphChild[] {
  const linked = withRun(context, {characterStyle: styleIds.hyperlink})
  if (/^(?:https?:|mailto:)/i.test(url)) return [new ExternalHyperlink({link: url, children: inlines(children, linked, state)})]
  const anchor = url.startsWith('#') ? url.slice(1) : undefined
  if (anchor !== undefined && state.outline.some((entry) => entry.id === anchor)) {
    return [new InternalHyperlink({anchor: bookmarkName(anchor), children: inlines(children, linked, state)})]
  }
  return inlines(children, context, state)
}

/**
 * A GFM footnote becomes a real Word footnote, numbered by Word. A second
 * reference to the same note repeats its number, as GFM renders it.
 */
function footnoteReference(identifier: string, context: DocxContext, state: DocxState): ParagraphChild[] {
  const key = normalizeIdentifier(identifier)
  const definition = state.footnoteDefinitions.get(key)
  if (!definition || context.inNote) return []
  const known = state.footnoteIds.get(key)
  if (known !== undefined) {
    // Ids are handed out 1, 2, 3… in reference order, which is Word's numbering too.
    return [run({style: styleIds.footnoteReference, text: String(known)}, context, state)]
  }
  const id = state.footnoteIds.size + 1
  state.footnoteIds.set(key, id)
  const noteContext: DocxContext = {...context, paragraphStyle: styleIds.footnoteText, inNote: true, listDepth: 0, run: plainRun}
  // Word notes hold paragraphs; a table inside a note (rare in GFM) is left out.
  const paragraphs = blocks(definition.children, noteContext, state).filter((child): child is Paragraph => child instanceof Paragraph)
  state.footnotes[id] = {children: paragraphs.length > 0 ? paragraphs : [new Paragraph({style: styleIds.footnoteText})]}
  // In a change, the reference is a run of its own inside `w:ins`/`w:del`.
  if (context.run.revision) return [run({style: styleIds.footnoteReference, children: [new FootnoteReference(id)]}, context, state)]
  return [new FootnoteReferenceRun(id)]
}

/**
 * A line break inside a Markdown paragraph is a space between Latin words but
 * nothing between Han characters, as CSS's segment-break rule for zh does.
 */
export function joinSegments(value: Text['value']): string {
  return value.replace(/([^\n]?)[ \t]*\n[ \t]*(?=([^\n]?))/gu, (_match, before: string, after: string) =>
    isWide(before) && isWide(after) ? before : `${before} `
  )
}

const wide = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}]/u

function isWide(character: string): boolean {
  return character !== '' && wide.test(character)
}
