import {PDFDocument} from 'pdf-lib'
import type {Browser} from 'puppeteer'
import type {BuildContext} from '../../context.js'
import type {HtmlOutput} from '../html/index.js'
import {assemblePdf, type HeadingTarget} from './assemble.js'
import {readBookmarks} from './outline.js'
import {printPage} from './print.js'
import type {PageResources} from './serve.js'

export interface PdfOptions {
  /** Written into the PDF's Producer. */
  producer: string
  /**
   * Called as soon as the body's print tells each heading's page, before the
   * cover and 目录 are printed: the Word copy can start then. Default: none.
   */
  onHeadingPages?: (pages: ReadonlyMap<string, number>) => void
}

export interface PdfOutput {
  bytes: Uint8Array
  /** The same PDF, parsed (pdf-lib): the preflight reads it without parsing the bytes again. */
  document: PDFDocument
  pageCount: number
  /** Printed page number of each heading (by outline id), as the 目录 shows it. */
  headingPages: Map<string, number>
}

/**
 * Print the document: the body first (its bookmarks tell where each heading
 * landed), then cover and 目录 with those numbers, then one PDF of both.
 * Two prints, of which only the body is long: no second full print for the 目录.
 */
export async function writePdf(context: BuildContext, html: HtmlOutput, browser: Browser, options: PdfOptions): Promise<PdfOutput> {
  const fileName = context.document.file.path
  const resources: PageResources = {
    documents: new Map([['/body.html', html.printBody]]),
    fonts: html.printFonts,
    sourceDirectory: context.sourceDirectory,
    allowedRoots: [context.projectRoot, ...new Set([...html.printFonts.values()].map(fontPackageRoot))]
  }
  // The body is parsed once: its bookmarks give the heading pages, then the front goes in front of it.
  let body = await PDFDocument.load(await printPage(browser, resources, '/body.html', {outline: true, fileName}), {updateMetadata: false})
  let targets = headingTargets(body, context)
  // Sections that must start on a right-hand page: print again with blank pages
  // where one fell on a left page (body page 1 is a right-hand page).
  const recto = rectoSections(context)
  const blanks = new Set<string>()
  for (let round = 0; recto.length > 0; round++) {
    const more = blanksNeeded(targets, recto)
    if (more.length === 0) break
    if (round === 3) throw new Error(`Sections ${more.join(', ')} of ${fileName} still start on a left-hand page after ${round} prints with blank pages`)
    for (const id of more) blanks.add(id)
    resources.documents.set('/body.html', html.printBodyWithBlanks(blanks))
    body = await PDFDocument.load(await printPage(browser, resources, '/body.html', {outline: true, fileName}), {updateMetadata: false})
    targets = headingTargets(body, context)
  }
  const headingPages = new Map([...targets].map(([id, target]) => [id, target.pageIndex + 1]))
  options.onHeadingPages?.(headingPages)

  const {template} = context
  let front: Uint8Array | undefined
  if (template.cover.show || (template.toc.show && context.document.outline.length > 0)) {
    resources.documents.set('/front.html', html.printFront(headingPages))
    front = await printPage(browser, resources, '/front.html', {outline: false, fileName})
  }
  const assembled = await assemblePdf({
    body,
    front,
    padFront: template.page.twoSided,
    targets,
    meta: context.document.meta,
    sourceDateEpoch: context.sourceDateEpoch,
    producer: options.producer,
    pageSizeMm: template.page
  })
  return {bytes: assembled.bytes, document: assembled.document, pageCount: assembled.pageCount, headingPages}
}

/**
 * Match Chromium's bookmarks (document title, then every heading in order)
 * to the outline. A mismatch means a heading did not print: that is an error,
 * not a 目录 with a wrong number.
 */
function headingTargets(body: PDFDocument, context: BuildContext): Map<string, HeadingTarget> {
  const bookmarks = readBookmarks(body)
  const {outline} = context.document
  // The first bookmark is the document title (the body's h1).
  const headings = bookmarks.slice(bookmarks.length - outline.length)
  const targets = new Map<string, HeadingTarget>()
  outline.forEach((entry, index) => {
    const bookmark = headings[index]
    if (!bookmark || squash(bookmark.title) !== squash(entry.text) || bookmark.pageIndex < 0) {
      throw new Error(
        `Heading “${entry.text}” (${context.document.file.path}:${entry.line ?? 1}) is not where the PDF’s bookmarks say (${bookmark ? `“${bookmark.title}”` : 'none'})`
      )
    }
    targets.set(entry.id, {pageIndex: bookmark.pageIndex, top: bookmark.top})
  })
  return targets
}

/** Top-level sections the template starts on a right-hand page, in order. */
function rectoSections(context: BuildContext): string[] {
  const {template, document} = context
  if (!template.page.twoSided || template.headings[0]?.startOn !== 'right') return []
  return document.outline.filter((entry) => entry.level === 1).map((entry) => entry.id)
}

/**
 * The sections that fall on a left-hand page, counting the blank page each
 * one before it will get: a blank page moves everything after it by one,
 * and a section's layout does not depend on the side it is on (mirrored
 * margins keep the measure).
 */
export function blanksNeeded(targets: ReadonlyMap<string, HeadingTarget>, sections: string[]): string[] {
  const needed: string[] = []
  for (const id of sections) {
    const pageIndex = targets.get(id)?.pageIndex
    if (pageIndex !== undefined && (pageIndex + needed.length) % 2 === 1) needed.push(id)
  }
  return needed
}

function squash(text: string): string {
  return text.replace(/\s+/g, '')
}

/** Font files are read from their package folder (`…/@fontsource/x/`). */
function fontPackageRoot(file: string): string {
  const marker = '/files/'
  const index = file.lastIndexOf(marker)
  return index === -1 ? file : file.slice(0, index)
}
