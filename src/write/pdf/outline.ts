import {PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString} from 'pdf-lib'

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
 */
export function readBookmarks(document: PDFDocument): Bookmark[] {
  const outlines = document.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)
  if (!outlines) return []
  const pageIndexByRef = new Map<string, number>()
  document.getPages().forEach((page, index) => pageIndexByRef.set(page.ref.toString(), index))
  const bookmarks: Bookmark[] = []
  const walk = (first: PDFDict | undefined, depth: number): void => {
    let item = first
    while (item) {
      const destination = item.lookupMaybe(PDFName.of('Dest'), PDFArray)
      const target = destination?.get(0)
      const topValue = destination?.lookupMaybe(3, PDFNumber)
      const title = item.lookup(PDFName.of('Title'))
      if (target instanceof PDFRef) {
        bookmarks.push({
          title: title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : '',
          depth,
          pageIndex: pageIndexByRef.get(target.toString()) ?? -1,
          top: topValue?.asNumber()
        })
      }
      walk(item.lookupMaybe(PDFName.of('First'), PDFDict), depth + 1)
      item = item.lookupMaybe(PDFName.of('Next'), PDFDict)
    }
  }
  walk(outlines.lookupMaybe(PDFName.of('First'), PDFDict), 1)
  return bookmarks
}
