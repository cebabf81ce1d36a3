import type {Paragraph as MdastParagraph, PhrasingContent, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {Paragraph, type FileChild} from 'docx'
import {attachmentParts} from '../../../model/official.js'
import type {OfficialBlock} from '../../../model/types.js'
import type {DocxContext, DocxState} from '../context.js'
import {styleIds} from '../style-names.js'
import {attachmentIndentChars, dateIndentChars} from '../styles.js'
import {pointsToTwips} from '../units.js'
import {inlines} from './inline.js'

/**
 * The 公文 elements (model/official.ts) in their own paragraph styles —
 * 主送, 附件说明, 署名, 成文日期 (styles.ts has their fonts, indents and
 * spacing; GB/T 9704-2012 §7.3, guide §2).
 *
 * Two layouts depend on the text itself, so their indents are set on the
 * paragraph: the attachment numbers hang (a wrapped name lines up with the
 * name above it, and "2." under "1."), and the signature is centred over the
 * date that follows it. Widths are counted in characters of the body size: a
 * full-width character is one, any other half.
 */
export function officialBlock(node: OfficialBlock, context: DocxContext, state: DocxState, next?: RootContent): FileChild[] {
  switch (node.role) {
    case 'addressee':
      return node.children.map((line) => paragraph(styleIds.addressee, line.children, context, state))
    case 'attachments':
      return attachments(node.children, context, state)
    case 'signature': {
      const date = next?.type === 'officialBlock' && next.role === 'date' ? toString(next) : undefined
      return node.children.map((line) => signatureLine(line, date, context, state))
    }
    case 'date':
      return node.children.map((line) => paragraph(styleIds.issueDate, line.children, context, state))
  }
}

function paragraph(style: string, children: PhrasingContent[], context: DocxContext, state: DocxState, indent?: {left?: number; hanging?: number; right?: number}): Paragraph {
  return new Paragraph({style, children: inlines(children, context, state), ...(indent ? {indent} : {})})
}

/**
 * "附件：1.名称" and then "2.名称" under "1.": the style sets the list 2
 * characters in (styles.ts); each line hangs by what precedes
 * its name — the label on the first line, the number on every line.
 */
function attachments(lines: readonly MdastParagraph[], context: DocxContext, state: DocxState): FileChild[] {
  const charTwips = pointsToTwips(context.build.template.body.sizePt)
  const label = attachmentParts(toString(lines[0] ?? {type: 'paragraph', children: []})).label
  const labelChars = widthInChars(label)
  return lines.map((line) => {
    const parts = attachmentParts(toString(line))
    const numberChars = widthInChars(parts.number)
    const hangingChars = widthInChars(parts.label) + numberChars
    const left = Math.round((attachmentIndentChars + labelChars + numberChars) * charTwips)
    return paragraph(styleIds.attachments, line.children, context, state, {left, hanging: Math.round(hangingChars * charTwips)})
  })
}

/** The signature's centre over the date's centre: its right indent grows or shrinks by half the difference. */
function signatureLine(line: MdastParagraph, date: string | undefined, context: DocxContext, state: DocxState): Paragraph {
  if (date === undefined) return paragraph(styleIds.signature, line.children, context, state)
  const charTwips = pointsToTwips(context.build.template.body.sizePt)
  const right = dateIndentChars + (widthInChars(date) - widthInChars(toString(line))) / 2
  return paragraph(styleIds.signature, line.children, context, state, {right: Math.round(right * charTwips)})
}

/** Width in characters of the body size: full-width (Han, CJK punctuation, full-width forms) 1, anything else ½. */
export function widthInChars(text: string): number {
  let width = 0
  for (const character of text) width += /[\p{Script=Han}\u3000-\u303F\uFF01-\uFF60\u2018\u2019\u201C\u201D\u2014\u2026]/u.test(character) ? 1 : 0.5
  return width
}
