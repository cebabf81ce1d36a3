import {PDFArray, PDFDict, PDFName, PDFNull, PDFNumber, PDFString, type PDFDocument, type PDFPage} from 'pdf-lib'
import type {DocumentMeta} from '../../model/types.js'
import {savePdf} from '../../pdf/document.js'

/** Where a heading landed in the body's print. */
export interface HeadingTarget {
  pageIndex: number
  top: number | undefined
}

export interface AssembleInput {
  /** The body as printed, parsed; assembling changes it in place. */
  body: PDFDocument
  /** Cover and 目录, printed on their own so the body's numbers start at 1. */
  front: PDFDocument | undefined
  /** How many of the front's pages are cover and 目录 (default: all; the rest is furniture, join.ts). */
  frontPages?: number
  /** Pad the front matter to an even page count, so page 1 is a right-hand page. */
  padFront: boolean
  /** Heading anchors → where they landed in the body. */
  targets: ReadonlyMap<string, HeadingTarget>
  meta: DocumentMeta
  /** Creation and modification date, seconds since the epoch. */
  sourceDateEpoch: number
  producer: string
  /** The template's nominal page size: Chromium rounds it (A5 → 420 × 594.96 pt). */
  pageSizeMm: {widthMm: number; heightMm: number}
}

export interface AssembledPdf {
  bytes: Uint8Array
  document: PDFDocument
  pageCount: number
  frontPageCount: number
}

const destinationScheme = 'paiban:dest/'

/**
 * One PDF from the front matter and the body: front pages inserted before the
 * body (whose bookmarks and tags stay intact), 目录 links pointed at their
 * headings, page labels (i, ii … then 1, 2 …), and metadata with dates from the
 * source, so the same input gives the same bytes.
 */
export async function assemblePdf(input: AssembleInput): Promise<AssembledPdf> {
  const document = input.body
  let frontPageCount = 0
  if (input.front) {
    const {front} = input
    const pages = await document.copyPages(front, front.getPageIndices().slice(0, input.frontPages ?? front.getPageCount()))
    for (const page of pages) {
      // The front's structure tree stays behind; keep its pages from pointing into the body's.
      page.node.delete(PDFName.of('StructParents'))
      document.insertPage(frontPageCount++, page)
    }
    const first = document.getPage(0)
    if (input.padFront && frontPageCount % 2 === 1) {
      document.insertPage(frontPageCount++, [first.getWidth(), first.getHeight()])
    }
    for (let index = 0; index < frontPageCount; index++) {
      linkDestinations(document, document.getPage(index), frontPageCount, input.targets)
    }
  }
  if (frontPageCount > 0) setPageLabels(document, frontPageCount)
  setNominalSize(document, input.pageSizeMm)
  const {meta} = input
  const date = new Date(input.sourceDateEpoch * 1000)
  document.setTitle(meta.title, {showInWindowTitleBar: true})
  if (meta.issuer) document.setAuthor(meta.issuer)
  document.setSubject(meta.subject ?? meta.title)
  if (meta.keywords.length > 0) document.setKeywords(meta.keywords)
  document.setCreator('paiban')
  document.setProducer(input.producer)
  document.setLanguage(meta.lang)
  document.setCreationDate(date)
  document.setModificationDate(date)
  const bytes = await savePdf(document, {objectStreams: true})
  return {bytes, document, pageCount: document.getPageCount(), frontPageCount}
}

/** Turn `paiban:dest/<id>` links (the 目录's) into links to the heading's place. */
function linkDestinations(document: PDFDocument, page: PDFPage, offset: number, targets: ReadonlyMap<string, HeadingTarget>): void {
  const annotations = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)
  if (!annotations) return
  for (let index = 0; index < annotations.size(); index++) {
    const annotation = annotations.lookupMaybe(index, PDFDict)
    annotation?.delete(PDFName.of('StructParent'))
    const action = annotation?.lookupMaybe(PDFName.of('A'), PDFDict)
    const uri = action?.lookupMaybe(PDFName.of('URI'), PDFString)?.decodeText()
    if (!annotation || !uri?.startsWith(destinationScheme)) continue
    const target = targets.get(uri.slice(destinationScheme.length))
    annotation.delete(PDFName.of('A'))
    if (!target) continue
    const targetPage = document.getPage(offset + target.pageIndex)
    annotation.set(
      PDFName.of('Dest'),
      document.context.obj([targetPage.ref, PDFName.of('XYZ'), PDFNull, target.top === undefined ? PDFNull : PDFNumber.of(target.top), PDFNull])
    )
  }
}

const pointsPerMm = 72 / 25.4

/**
 * Give every page the template's exact size, origin at 0 0 as print tools
 * expect. Chromium rounds its box (A5: 420 × 594.96 pt); the difference moves
 * the content by a third of a point at most.
 */
function setNominalSize(document: PDFDocument, size: {widthMm: number; heightMm: number}): void {
  const width = size.widthMm * pointsPerMm
  const height = size.heightMm * pointsPerMm
  for (const page of document.getPages()) {
    page.setMediaBox(0, 0, width, height)
    page.node.delete(PDFName.of('CropBox'))
  }
}

/** Front matter numbered i, ii …; the body 1, 2 … as the printed numbers say. */
function setPageLabels(document: PDFDocument, frontPageCount: number): void {
  const labels = document.context.obj({
    Nums: [0, {S: PDFName.of('r')}, frontPageCount, {S: PDFName.of('D'), St: 1}]
  })
  document.catalog.set(PDFName.of('PageLabels'), labels)
}
