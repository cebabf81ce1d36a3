import {Paragraph, TableOfContents, type FileChild} from 'docx'
import type {BuildContext} from '../../context.js'
import {tocEntries} from '../../model/outline.js'
import type {OutlineEntry} from '../../model/types.js'
import {unexpected} from './finish.js'
import {styleIds} from './style-names.js'

/**
 * Word bookmark names start with a letter and hold letters, digits and `_`
 * only (Word drops others on save), so `sec-1-2` is bookmarked as `sec_1_2`.
 */
export function bookmarkName(outlineId: string): string {
  return outlineId.replace(/[^A-Za-z0-9_]/g, '_')
}

/**
 * The page number docx writes for the 目录's entry `i` until the PDF has
 * given the real one (fillTableOfContents): 9 digits, far past any page.
 */
const placeholderBase = 900_000_000

function entriesOf(build: BuildContext): OutlineEntry[] {
  return tocEntries(build.document.outline, build.template.toc.depth)
}

/**
 * The 目录: its title, then a real TOC field over the heading styles down to
 * the template's depth. The field is pre-filled with one linked entry per
 * heading (the TOC n styles put a dot-leader tab at the right edge) and the
 * page numbers the PDF gives, so it reads right before Word updates it and in
 * readers that never do. Without numbers the field is marked dirty: Word
 * offers to update it on opening.
 *
 * The numbers come last (the PDF's body print gives them while the rest of
 * the Word copy is long written): the entries are written with placeholders,
 * which fillTableOfContents replaces in document.xml.
 */
export function tableOfContents(build: BuildContext): FileChild[] {
  const {toc} = build.template
  const entries = entriesOf(build).map((entry, index) => ({title: entry.text, level: entry.level, href: bookmarkName(entry.id), page: placeholderBase + index}))
  return [
    new Paragraph({style: styleIds.tocHeading, text: toc.title}),
    new TableOfContents(toc.title, {
      hyperlink: true,
      headingStyleRange: `1-${toc.depth}`,
      hideTabAndPageNumbersInWebView: true,
      cachedEntries: entries,
      beginDirty: false
    })
  ]
}

/**
 * document.xml with the 目录's page numbers in place of the placeholders
 * (an entry the PDF gave no number keeps none), or, without numbers, with
 * no numbers and the field marked dirty. Only the 目录's content control is
 * read and changed; a miscount fails loudly, as finish.ts's edits do.
 */
export function fillTableOfContents(xml: string, build: BuildContext, tocPages: ReadonlyMap<string, number> | undefined): string {
  if (!build.template.toc.show) return xml
  const start = xml.indexOf('<w:sdt>')
  const end = xml.indexOf('</w:sdt>', start)
  if (start < 0 || end < 0 || !xml.slice(start, end).includes('<w:docPartGallery w:val="Table of Contents"/>')) throw unexpected('document.xml', 'the 目录’s content control')
  const entries = entriesOf(build)
  let filled = 0
  let toc = xml.slice(start, end).replace(/(<w:tab\/><w:t(?: [^>]*)?>)(9\d{8})(<\/w:t>)/g, (_match, before: string, placeholder: string, after: string) => {
    const entry = entries[Number(placeholder) - placeholderBase]
    if (!entry) throw unexpected('document.xml', `an entry for the placeholder ${placeholder}`)
    filled++
    return `${before}${tocPages?.get(entry.id) ?? ''}${after}`
  })
  if (filled !== entries.length) throw unexpected('document.xml', `${entries.length} page-number placeholders (found ${filled})`)
  if (!tocPages) {
    const clean = '<w:fldChar w:fldCharType="begin" w:dirty="false"/>'
    if (!toc.includes(clean)) throw unexpected('document.xml', 'the TOC field’s begin character')
    toc = toc.replace(clean, '<w:fldChar w:fldCharType="begin" w:dirty="true"/>')
  }
  return xml.slice(0, start) + toc + xml.slice(end)
}
