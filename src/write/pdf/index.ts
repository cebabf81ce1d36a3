import type {PDFDocument, PDFPage} from 'pdf-lib'
import type {BuildContext} from '../../context.js'
import type {HtmlOutput} from '../html/index.js'
import type {AssembledPdf, AssembleInput, HeadingTarget} from './assemble.js'
import type {BrowserSession} from './browser.js'
import type {Bookmark} from './outline.js'
import os from 'node:os'
import type {FurniturePage} from '../html/template-css.js'
import {leftPageShiftPt, partCut} from './parts.js'
import {loadPage, printPage, type LoadedPage} from './print.js'
import type {PageResources, PrintSite} from './serve.js'

export interface PdfOptions {
  /** Written into the PDF's Producer. */
  producer: string
  /**
   * Called as soon as the body's print tells each heading's page (the Word
   * copy's 目录 can be finished then). Default: none.
   */
  onHeadingPages?: (headingPages: ReadonlyMap<string, number>) => void
  /**
   * Called once the body is printed, while the cover and 目录 print: the body
   * as printed (the preflight can read its text). Default: none.
   */
  onBodyPrinted?: (body: PrintedBody) => void
  /**
   * Called once the body's print is sent: Chromium is past its start and the
   * page's load, which keep every core busy. Work that can wait until then
   * (loading the preflight's code, looking at the web page's assets) competes
   * least with them. Default: none.
   */
  onBodyPrinting?: () => void
  /**
   * The site to serve the pages on (taken from the session when the build
   * starts, so that the browser can open the body before the HTML is made).
   * Default: a new one. Closed when the PDF is written.
   */
  site?: PrintSite
}

export interface PrintedBody {
  /** Printed page number of each heading (by outline id), as the 目录 shows it. */
  headingPages: ReadonlyMap<string, number>
  /** The body's PDF as Chromium printed it (none when printed in parts); the finished PDF puts the front pages before these. */
  bytes?: Uint8Array
  /**
   * A body printed in parts: its later part's furniture (numbers, running
   * heads), printed with the front as `pages` of `document`, laid over the
   * body's pages from `at` on once printed (the body's pages lack it until then).
   */
  furniture?: Promise<{document: PDFDocument; pages: PDFPage[]; at: number}>
  /**
   * The same, parsed: read it now, not later (the front pages are put into
   * this document once the front is printed; its own pages stay as they are).
   */
  document: PDFDocument
  pageCount: number
}

export interface PdfOutput {
  bytes: Uint8Array
  /** The same PDF, parsed (pdf-lib): the preflight reads it without parsing the bytes again. */
  document: PDFDocument
  pageCount: number
  /** Pages before the body's page 1: cover, 目录, and the blank that pads them to an even count. */
  frontPageCount: number
  /** Printed page number of each heading (by outline id), as the 目录 shows it. */
  headingPages: Map<string, number>
}

/**
 * pdf-lib and the code that uses it, loaded while the body prints: loading
 * them takes about 0.2 s, which would otherwise come before the first print.
 */
async function pdfTools() {
  const [{loadPdf: parse}, {assemblePdf}, {readBookmarks}, {openObjects, documentObjects}, {joinParts, layFurniture}] = await Promise.all([
    import('../../pdf/document.js'),
    import('./assemble.js'),
    import('./outline.js'),
    import('../../pdf/objects.js'),
    import('./join.js')
  ])
  /** Where each bookmark of a parsed document points. */
  const parsedBookmarks = (document: PDFDocument): Bookmark[] => readBookmarks(documentObjects(document))
  return {
    assemblePdf,
    parse,
    joinParts,
    layFurniture,
    parsedBookmarks,
    /**
     * Where each bookmark points, read from the bytes as Chromium wrote them
     * (only the outline's and page tree's objects), else from the whole
     * document parsed (then kept for what follows).
     */
    async bookmarks(bytes: Uint8Array): Promise<{bookmarks: Bookmark[]; parsed?: PDFDocument}> {
      const objects = openObjects(bytes)
      if (objects) return {bookmarks: readBookmarks(objects)}
      const parsed = await parse(bytes)
      return {bookmarks: parsedBookmarks(parsed), parsed}
    }
  }
}

/**
 * Print the document: the body first (its bookmarks tell where each heading
 * landed), then cover and 目录 with those numbers, then one PDF of both.
 * Two prints, of which only the body is long: no second full print for the
 * 目录. Once the body is printed, the cover and 目录 load in its tab, their
 * numbers are filled in, and that tab prints. A long body prints in two
 * parts at once (parts.ts, printInParts).
 */
export async function writePdf(context: BuildContext, html: HtmlOutput, session: BrowserSession, options: PdfOptions): Promise<PdfOutput> {
  const fileName = context.document.file.path
  const {template} = context
  const resources: PageResources = {
    documents: new Map([['/body.html', html.printBody]]),
    fonts: html.printFonts,
    sourceDirectory: context.sourceDirectory,
    allowedRoots: [context.projectRoot, ...new Set([...html.printFonts.values()].map(fontPackageRoot))]
  }
  const hasFront = template.cover.show || (template.toc.show && context.document.outline.length > 0)
  if (hasFront) resources.documents.set('/front.html', html.printFront(new Map()))
  const recto = rectoSections(context)
  // A long body prints in two parts at once (parts.ts): sections must start on
  // a new page, on either side, the rest's furniture needs the front's print, and
  // no link may point from one part into the other.
  const cut =
    hasFront && recto.length === 0 && template.headings[0]?.pageBreakBefore && !html.internalLinks
      ? partCut(html.runWeights, os.availableParallelism())
      : undefined
  if (cut !== undefined) {
    const [first, rest] = html.printBodyParts(cut)
    resources.documents.set('/body.html', first)
    resources.documents.set('/body-rest.html', rest)
  }
  const site = options.site ?? session.site()
  site.serve(resources)
  // The body first: it may be the page the browser opened with. The cover and 目录 load in
  // the body's tab once it has printed, or, for a body printed in parts, in a tab of their own.
  const bodyPage = loadPage(session, site, '/body.html', fileName)
  const restPage = cut === undefined ? undefined : loadPage(session, site, '/body-rest.html', fileName)
  const frontPage = hasFront && cut !== undefined ? loadPage(session, site, '/front.html', fileName) : undefined
  // Failures are reported where these are awaited.
  restPage?.catch(() => undefined)
  frontPage?.catch(() => undefined)
  let tools: ReturnType<typeof pdfTools> | undefined
  try {
    if (restPage && frontPage) return await printInParts(context, html, {first: bodyPage, rest: restPage, front: frontPage}, options)
    const loaded = await bodyPage
    const printing = loaded.print({tagged: true})
    options.onBodyPrinting?.()
    // Loading pdf-lib takes the main thread for a while: do it while Chromium prints, not while it loads the page.
    tools = pdfTools()
    tools.catch(() => undefined)
    let bodyBytes = await printing
    // The cover and 目录 load where the body was: its renderer has the fonts decoded. A tab of
    // their own, loaded beside the body, cost a second renderer that decoded them again: 0.5 s
    // of CPU in a seed build (docs/performance.md). Failures are reported where this is awaited.
    const frontLoaded = hasFront ? loaded.navigate('/front.html').then(() => loaded) : undefined
    frontLoaded?.catch(() => undefined)
    // Without a front, the body's tab is done with: its renderer's memory goes while the PDF is assembled.
    if (!frontLoaded) void loaded.close()
    // The body's bookmarks give the heading pages, read straight from the bytes: the
    // cover and 目录 can print while the body is parsed whole (for assembling and the preflight).
    const {assemblePdf, bookmarks, parse} = await (tools ?? pdfTools())
    let read = await bookmarks(bodyBytes)
    let targets = headingTargets(read.bookmarks, context)
    // Sections that must start on a right-hand page: print again with blank pages
    // where one fell on a left page (body page 1 is a right-hand page).
    const blanks = new Set<string>()
    for (let round = 0; recto.length > 0; round++) {
      const more = blanksNeeded(targets, recto)
      if (more.length === 0) break
      if (round === 3) throw new Error(`Sections ${more.join(', ')} of ${fileName} still start on a left-hand page after ${round} prints with blank pages`)
      for (const id of more) blanks.add(id)
      resources.documents.set('/body.html', html.printBodyWithBlanks(blanks))
      bodyBytes = await printPage(session, site, '/body.html', {tagged: true, fileName})
      read = await bookmarks(bodyBytes)
      targets = headingTargets(read.bookmarks, context)
    }
    const headingPages = pageNumbers(targets)
    options.onHeadingPages?.(headingPages)
    const finalBytes = bodyBytes
    const bodyDocument = async (): Promise<PrintedBody> => {
      const document = read.parsed ?? (await parse(finalBytes))
      return {headingPages, bytes: finalBytes, document, pageCount: document.getPageCount()}
    }

    let front: Uint8Array | undefined
    let printed: PrintedBody
    if (frontLoaded) {
      const loaded = await frontLoaded
      await loaded.update(fillTocPages, Object.fromEntries(headingPages))
      const printing = loaded.print({tagged: false})
      // Its failure is reported where it is awaited, after the parse.
      printing.catch(() => undefined)
      // The front prints: parse the body now, and tell the caller (the preflight reads the body's text while Chromium prints).
      printed = await bodyDocument()
      options.onBodyPrinted?.(printed)
      front = await printing
    } else {
      printed = await bodyDocument()
      options.onBodyPrinted?.(printed)
    }
    return await assembled(assemblePdf, context, options, {body: printed.document, front: front && (await parse(front)), targets, headingPages})
  } finally {
    await Promise.all([bodyPage, restPage, frontPage].map((page) => page?.then((loaded) => loaded.close()).catch(() => undefined)))
    site.close()
  }
}

/**
 * Print a body cut in two (parts.ts): both parts at once, each in its own
 * tab; then the cover and 目录 with their numbers and, after them, the
 * rest's furniture; then one PDF of all. The tabs are closed by the caller.
 */
async function printInParts(
  context: BuildContext,
  html: HtmlOutput,
  pages: {first: Promise<LoadedPage>; rest: Promise<LoadedPage>; front: Promise<LoadedPage>},
  options: PdfOptions
): Promise<PdfOutput> {
  const [first, rest] = await Promise.all([pages.first, pages.rest])
  // pdf-lib loads while Chromium prints, as for a body printed whole; a part is parsed as soon as it is printed.
  const tools = pdfTools()
  tools.catch(() => undefined)
  const printed = (page: LoadedPage) => page.print({tagged: true}).then(async (bytes) => (await tools).parse(bytes))
  const printing = Promise.all([printed(first), printed(rest)])
  options.onBodyPrinting?.()
  const [body, restDocument] = await printing
  await Promise.all([first.close(), rest.close()])
  const {assemblePdf, joinParts, layFurniture, parse, parsedBookmarks} = await tools
  const firstCount = body.getPageCount()
  const restCount = restDocument.getPageCount()
  const bookmarks = [
    ...parsedBookmarks(body),
    ...parsedBookmarks(restDocument).map((bookmark) => ({...bookmark, pageIndex: bookmark.pageIndex < 0 ? -1 : bookmark.pageIndex + firstCount}))
  ]
  const targets = headingTargets(bookmarks, context)
  const headingPages = pageNumbers(targets)
  options.onHeadingPages?.(headingPages)

  // The rest's furniture: each page's number, and the section it is in for its running head.
  const sections = context.document.outline
    .filter((entry) => entry.level === 1)
    .map((entry) => ({text: entry.text, pageIndex: targets.get(entry.id)?.pageIndex ?? 0}))
  const furniture: FurniturePage[] = Array.from({length: restCount}, (_, index) => {
    const pageIndex = firstCount + index
    return {number: pageIndex + 1, section: sections.findLast((section) => section.pageIndex <= pageIndex)?.text}
  })
  const front = await pages.front
  await front.update(fillTocPages, Object.fromEntries(headingPages))
  await front.update(addFurniture, html.furniture(furniture))
  const frontPrinting = front.print({tagged: false})
  frontPrinting.catch(() => undefined)
  // While the front prints: the rest's pages go after the first's, the text of left-hand ones moved to their margins.
  const shift = leftPageShiftPt(context.template.page)
  joinParts(body, restDocument, (pageIndex) => ((pageIndex + 1) % 2 === 0 ? shift : 0))
  const frontPrinted = frontPrinting.then(async (bytes) => {
    const document = await parse(bytes)
    const count = document.getPageCount() - restCount
    if (count < 0) throw new Error(`The front of ${context.document.file.path} printed ${document.getPageCount()} pages, fewer than the ${restCount} of furniture it holds`)
    return {document, count}
  })
  // The preflight reads the body's text while the front prints, the rest's furniture once it has.
  options.onBodyPrinted?.({
    headingPages,
    document: body,
    pageCount: body.getPageCount(),
    furniture: frontPrinted.then(({document, count}) => ({document, pages: document.getPages().slice(count), at: firstCount}))
  })
  const {document: frontDocument, count: frontCount} = await frontPrinted
  layFurniture(body, firstCount, frontDocument, frontCount, restCount)
  return assembled(assemblePdf, context, options, {body, front: frontDocument, frontPages: frontCount, targets, headingPages})
}

/** One PDF of the body and the front (assemble.ts), as writePdf returns it. */
async function assembled(
  assemblePdf: (input: AssembleInput) => Promise<AssembledPdf>,
  context: BuildContext,
  options: PdfOptions,
  parts: Pick<AssembleInput, 'body' | 'front' | 'frontPages' | 'targets'> & {headingPages: Map<string, number>}
): Promise<PdfOutput> {
  const {template} = context
  const pdf = await assemblePdf({
    body: parts.body,
    front: parts.front,
    ...(parts.frontPages === undefined ? {} : {frontPages: parts.frontPages}),
    padFront: template.page.twoSided,
    targets: parts.targets,
    meta: context.document.meta,
    sourceDateEpoch: context.sourceDateEpoch,
    producer: options.producer,
    pageSizeMm: template.page
  })
  return {bytes: pdf.bytes, document: pdf.document, pageCount: pdf.pageCount, frontPageCount: pdf.frontPageCount, headingPages: parts.headingPages}
}

/** Each heading's printed page number, from where it landed. */
function pageNumbers(targets: ReadonlyMap<string, HeadingTarget>): Map<string, number> {
  return new Map([...targets].map(([id, target]) => [id, target.pageIndex + 1]))
}

/** Runs in the page: add the rest's furniture after the front (html/page.ts furnitureMarkup). */
function addFurniture(furniture: {css: string; markup: string}): void {
  const style = document.createElement('style')
  style.textContent = furniture.css
  document.head.append(style)
  document.body.insertAdjacentHTML('beforeend', furniture.markup)
}

/**
 * Runs in the page: each 目录 entry links to `paiban:dest/<heading id>`
 * (page.ts); write that heading's page number into the entry.
 */
function fillTocPages(pages: Record<string, number>): void {
  for (const entry of document.querySelectorAll('a.toc-entry')) {
    const id = (entry.getAttribute('href') ?? '').replace('paiban:dest/', '')
    const number = entry.querySelector('.toc-page')
    if (number) number.textContent = String(pages[id] ?? '')
    // As page.ts's tocDigits(): the leader ends where this number's width begins.
    ;(entry as HTMLElement).style.setProperty('--toc-digits', String(String(pages[id] ?? '').length || 1))
  }
}

/**
 * Match Chromium's bookmarks (document title, then every heading in order)
 * to the outline. A mismatch means a heading did not print: that is an error,
 * not a 目录 with a wrong number.
 */
function headingTargets(bookmarks: Bookmark[], context: BuildContext): Map<string, HeadingTarget> {
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
