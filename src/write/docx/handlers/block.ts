import type {Blockquote, Code, Heading, Paragraph as MdastParagraph, ThematicBreak} from 'mdast'
import {Bookmark, Paragraph, type FileChild, type IParagraphOptions} from 'docx'
import type {DocxContext, DocxState} from '../context.js'
import {paragraphMark} from '../revision.js'
import {headingStyleId, styleIds} from '../style-names.js'
import {bookmarkName} from '../toc.js'
import {blocks} from './index.js'
import {inlines, run} from './inline.js'

/** Where a list puts its item's first paragraph: see list.ts. */
export type ListNumbering = NonNullable<Exclude<IParagraphOptions['numbering'], false>>

/**
 * A body paragraph in the style of where it stands (Normal, Quote, List
 * Paragraph, footnote text); a paragraph holding only an image is a figure,
 * and the image's title (`![alt](src "title")`) its caption, in Word's `caption` style.
 */
export function paragraph(node: MdastParagraph, context: DocxContext, state: DocxState, numbering?: ListNumbering): FileChild[] {
  const figure = node.children.every((child) => child.type === 'image' || child.type === 'imageReference' || (child.type === 'text' && child.value.trim() === ''))
  const style = figure && !numbering ? styleIds.figure : context.paragraphStyle
  const paragraphs: FileChild[] = [
    new Paragraph({style, children: inlines(node.children, context, state), ...(numbering ? {numbering} : {}), ...paragraphMark(node.data, state.revisions)})
  ]
  if (figure && !numbering) {
    for (const child of node.children) {
      if (child.type === 'image' && child.title) paragraphs.push(new Paragraph({style: styleIds.caption, children: [run({text: child.title}, context, state)]}))
    }
  }
  return paragraphs
}

/**
 * A heading in the built-in `heading n` style of its outline level, bookmarked
 * with its outline id so the 目录 and `#sec-…` links can point at it.
 * Level-1 headings open a section (index.ts), which already starts a page.
 * A heading of a run-in level (公文 levels 2–4) followed by a paragraph
 * (`beforeParagraph`) ends in Word's style separator, a hidden paragraph mark
 * (`w:vanish` + `w:specVanish`): it shows on one line with the paragraph yet
 * stays a heading for the navigation pane and the 目录.
 */
export function heading(node: Heading, context: DocxContext, state: DocxState, beforeParagraph: boolean): FileChild[] {
  const {headings} = context.build.template
  const entry = state.outlineOf.get(node)
  // Headings outside the outline (in a quote or list) take the deepest heading style.
  const level = Math.min(entry?.level ?? headings.length, headings.length)
  const runs = inlines(node.children, context, state)
  const breakBefore = level > 1 && headings[level - 1]?.pageBreakBefore === true
  const runIn = beforeParagraph && headings[level - 1]?.runIn === true
  return [
    new Paragraph({
      style: headingStyleId(level),
      children: entry && !context.inNote ? [new Bookmark({id: bookmarkName(entry.id), children: runs})] : runs,
      ...(breakBefore ? {pageBreakBefore: true} : {}),
      // The style separator's hidden mark and a redline's revision of the mark share one w:rPr.
      ...paragraphMark(node.data, state.revisions, runIn ? {vanish: true, specVanish: true} : {})
    })
  ]
}

export function blockquote(node: Blockquote, context: DocxContext, state: DocxState): FileChild[] {
  return blocks(node.children, {...context, paragraphStyle: styleIds.quote}, state)
}

/**
 * A code block: one paragraph, its lines kept apart by line breaks, spaces
 * kept. In a redline a changed code block is only ever wholly inserted or deleted.
 */
export function code(node: Code, context: DocxContext, state: DocxState): FileChild[] {
  const lines = node.value.split('\n')
  const lineContext: DocxContext = {...context, run: {...context.run, revision: node.data?.revision ?? context.run.revision}}
  return [
    new Paragraph({
      style: styleIds.code,
      children: lines.map((line, index) => run({text: line, ...(index > 0 ? {break: 1} : {})}, lineContext, state)),
      ...paragraphMark(node.data, state.revisions)
    })
  ]
}

/** A short centred rule (the 分隔线 style draws it). */
export function thematicBreak(node: ThematicBreak, _context: DocxContext, state: DocxState): FileChild[] {
  return [new Paragraph({style: styleIds.thematicBreak, ...paragraphMark(node.data, state.revisions)})]
}
