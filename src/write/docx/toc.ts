import {Paragraph, TableOfContents, type FileChild} from 'docx'
import type {BuildContext} from '../../context.js'
import {styleIds} from './style-names.js'

/**
 * Word bookmark names start with a letter and hold letters, digits and `_`
 * only (Word drops others on save), so `sec-1-2` is bookmarked as `sec_1_2`.
 */
export function bookmarkName(outlineId: string): string {
  return outlineId.replace(/[^A-Za-z0-9_]/g, '_')
}

/**
 * The 目录: its title, then a real TOC field over the heading styles down to
 * the template's depth. The field is pre-filled with one linked entry per
 * heading (the TOC n styles put a dot-leader tab at the right edge) and, when
 * the PDF gave them, the page numbers, so it reads right before Word updates
 * it and in readers that never do. Without numbers the field is marked dirty:
 * Word offers to update it on opening.
 */
export function tableOfContents(build: BuildContext, tocPages: ReadonlyMap<string, number> | undefined): FileChild[] {
  const {toc} = build.template
  const entries = build.document.outline
    .filter((entry) => entry.level <= toc.depth)
    .map((entry) => {
      const page = tocPages?.get(entry.id)
      return {title: entry.text, level: entry.level, href: bookmarkName(entry.id), ...(page === undefined ? {} : {page})}
    })
  return [
    new Paragraph({style: styleIds.tocHeading, text: toc.title}),
    new TableOfContents(toc.title, {
      hyperlink: true,
      headingStyleRange: `1-${toc.depth}`,
      hideTabAndPageNumbersInWebView: true,
      cachedEntries: entries,
      beginDirty: tocPages === undefined
    })
  ]
}
