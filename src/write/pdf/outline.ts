import {PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject} from 'pdf-lib'
import type {PdfObjects} from '../../pdf/objects.js'

/** A bookmark of a PDF: its title and where it points. */
export interface Bookmark {
  title: string
  depth: number
  pageIndex: number
  /** Top of the target, in PDF points from the page's bottom. */
  top: number | undefined
}

/**
 * The bookmarks Chromium wrote (from h1–h6), in document order. paiban reads
 * the pages of its headings from here instead of printing a second time.
 * `pdf`: the document's objects, read as they are needed (pdf/objects.ts).
 */
export function readBookmarks(pdf: PdfObjects): Bookmark[] {
  const dict = (value: PDFObject | undefined): PDFDict | undefined => {
    const object = pdf.resolve(value)
    return object instanceof PDFDict ? object : undefined
  }
  const outlines = dict(pdf.catalog.get(PDFName.of('Outlines')))
  if (!outlines) return []
  const pageIndexByRef = pageIndexes(pdf)
  const bookmarks: Bookmark[] = []
  const walk = (first: PDFDict | undefined, depth: number): void => {
    let item = first
    while (item) {
      const destination = pdf.resolve(item.get(PDFName.of('Dest')))
      const target = destination instanceof PDFArray ? destination.get(0) : undefined
      const topValue = destination instanceof PDFArray ? pdf.resolve(destination.get(3)) : undefined
      const title = pdf.resolve(item.get(PDFName.of('Title')))
      if (target instanceof PDFRef) {
        bookmarks.push({
          title: title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : '',
          depth,
          pageIndex: pageIndexByRef.get(target.objectNumber) ?? -1,
          top: topValue instanceof PDFNumber ? topValue.asNumber() : undefined
        })
      }
      walk(dict(item.get(PDFName.of('First'))), depth + 1)
      item = dict(item.get(PDFName.of('Next')))
    }
  }
  walk(dict(outlines.get(PDFName.of('First'))), 1)
  return bookmarks
}

/** Each page's index, by its object number: the page tree's leaves in order. */
function pageIndexes(pdf: PdfObjects): Map<number, number> {
  const indexes = new Map<number, number>()
  const visit = (value: PDFObject | undefined): void => {
    if (pdf.typeOf(value) === 'Pages') {
      const node = pdf.resolve(value)
      const kids = node instanceof PDFDict ? pdf.resolve(node.get(PDFName.of('Kids'))) : undefined
      if (kids instanceof PDFArray) for (let index = 0; index < kids.size(); index++) visit(kids.get(index))
    } else if (value instanceof PDFRef) {
      indexes.set(value.objectNumber, indexes.size)
    }
  }
  visit(pdf.catalog.get(PDFName.of('Pages')))
  return indexes
}
