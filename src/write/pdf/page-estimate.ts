import type {Nodes, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {BuildContext} from '../../context.js'
import {headingNodes} from '../../model/outline.js'
import {usesSectionPages} from '../html/template-css.js'

/**
 * Where each heading will roughly land in the printed body, without a
 * browser: the text set line by line in the template's measure, in pages of
 * its type height, sections opening new pages as the template says.
 *
 * Only a guess, good to a few pages: it tells how many digits the 目录's
 * largest number will have before the body prints (toc-numbers.ts). A
 * wrong guess costs a second print of the 目录, never a wrong number.
 */
export function estimateHeadingPages(context: BuildContext): Map<string, number> {
  const {template, document} = context
  const {page, body, grid} = template
  const measure = grid ? grid.charPitchPt * grid.charsPerLine : mmToPt(page.widthMm - page.margin.insideMm - page.margin.outsideMm)
  const typeHeight = mmToPt(page.heightMm - page.margin.topMm - page.margin.bottomMm)
  const bodyLine = grid ? grid.linePitchPt : body.sizePt * body.lineHeight
  const sectionPages = usesSectionPages(template)

  /** Points set so far, across pages: page n holds [n × typeHeight, (n + 1) × typeHeight). */
  let position = 0
  const lines = (text: string, sizePt: number, indentEms = 0): number => Math.max(1, Math.ceil((textEms(text) + indentEms) / (measure / sizePt)))
  const paragraph = (text: string, indentEms: number): void => {
    position += lines(text, body.sizePt, indentEms) * bodyLine
  }
  const block = (node: RootContent | Nodes, indentEms: number): void => {
    switch (node.type) {
      case 'paragraph': {
        // A paragraph that is an image alone: a figure of unknown height, taken as a third of a page.
        if (node.children.length === 1 && node.children[0]?.type === 'image') position += typeHeight / 3
        else paragraph(toString(node), indentEms + body.indentChars)
        break
      }
      case 'code':
        position += node.value.split('\n').length * bodyLine
        break
      case 'table':
        position += node.children.length * bodyLine * 1.5
        break
      case 'thematicBreak':
        position += bodyLine
        break
      case 'list':
      case 'listItem':
      case 'blockquote':
      case 'containerDirective':
        for (const child of node.children) block(child, indentEms + (node.type === 'list' ? 0 : 2))
        break
      case 'heading':
        // Headings of the body are handled by the walk below; one nested in a block is a line.
        paragraph(toString(node), 0)
        break
      default:
        break
    }
  }

  // The title block: title, subtitle, its margins.
  position += 4 * bodyLine
  const headings = new Map(headingNodes(document.tree).map((node, index) => [node, document.outline[index]]))
  const pages = new Map<string, number>()
  let first = true
  for (const node of document.tree.children) {
    const entry = node.type === 'heading' ? headings.get(node) : undefined
    if (!entry) {
      block(node, 0)
      first = false
      continue
    }
    const style = template.headings[Math.min(entry.level, template.headings.length) - 1]
    const breaks = (style?.pageBreakBefore || (sectionPages && entry.level === 1)) && !first
    const pageStart = Math.ceil(position / typeHeight - 1e-9) * typeHeight
    if (breaks) position = pageStart
    else position += (style?.spaceBeforeLines ?? 0) * bodyLine
    pages.set(entry.id, Math.floor(position / typeHeight) + 1)
    const sizePt = style?.sizePt ?? body.sizePt
    position += lines(entry.text, sizePt) * (grid ? bodyLine : sizePt * (style?.lineHeight ?? body.lineHeight))
    position += (style?.spaceAfterLines ?? 0) * bodyLine
    first = false
  }
  return pages
}

const mmToPt = (mm: number): number => (mm * 72) / 25.4

/** A text's width in ems: full-width characters (Han, kana, full-width punctuation) one, others a half. */
function textEms(text: string): number {
  let ems = 0
  for (const character of text) ems += (character.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.5
  return ems
}
