import type {PDFDocument} from 'pdf-lib'
import type {BuildContext} from '../../context.js'
import type {HtmlOutput} from '../html/index.js'
import type {TocNumbers} from '../html/page.js'
import type {HeadingTarget} from './assemble.js'
import type {BrowserSession} from './browser.js'
import type {Bookmark} from './outline.js'
import {loadPage, printPage} from './print.js'
import type {PageResources, PrintSite} from './serve.js'
import {finalTocNumbers, numbersInOrder, planTocNumbers} from './toc-plan.js'

export interface PdfOptions {
  /** Written into the PDF's Producer. */
  producer: string
  /**
   * Called as soon as the body is printed, before the 目录's numbers are written in:
   * each heading's page (the Word copy's 目录 can be finished then) and the
   * body as printed (the preflight can read its text). Default: none.
   */
  onBodyPrinted?: (body: PrintedBody) => void
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
  /** The body's PDF as Chromium printed it; the finished PDF puts the front pages before these. */
  bytes: Uint8Array
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
  const [{loadPdf: parse}, {assemblePdf}, {readBookmarks}, {openObjects, documentObjects}, {writeTocNumbers}] = await Promise.all([
    import('../../pdf/document.js'),
    import('./assemble.js'),
    import('./outline.js'),
    import('../../pdf/objects.js'),
    import('./toc-numbers.js')
  ])
  return {
    assemblePdf,
    parse,
    writeTocNumbers,
    /**
     * Where each bookmark points, read from the bytes as Chromium wrote them
     * (only the outline's and page tree's objects), else from the whole
     * document parsed (then kept for what follows).
     */
    async bookmarks(bytes: Uint8Array): Promise<{bookmarks: Bookmark[]; parsed?: PDFDocument}> {
      const objects = openObjects(bytes)
      if (objects) return {bookmarks: readBookmarks(objects)}
      const parsed = await parse(bytes)
      return {bookmarks: readBookmarks(documentObjects(parsed)), parsed}
    }
  }
}

/**
 * Print the document: the body (its bookmarks tell where each heading
 * landed) and, in a second tab at the same time, cover and 目录 with
 * placeholders for the numbers; then the numbers written into the 目录's
 * print (toc-plan.ts), and one PDF of both. The 目录 prints again, with its
 * numbers, only when they cannot be written in.
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
  const hasToc = template.toc.show && context.document.outline.length > 0
  const hasFront = template.cover.show || hasToc
  // The 目录 prints before its numbers are known; they are written in afterwards (toc-numbers.ts).
  const tocPlan = hasToc ? planTocNumbers(context) : undefined
  if (hasFront) resources.documents.set('/front.html', html.printFront(tocPlan?.numbers ?? noTocNumbers))
  const site = options.site ?? session.site()
  site.serve(resources)
  // The body first: it may be the page the browser opened with; the front gets a new tab.
  const bodyPage = loadPage(session, site, '/body.html', fileName)
  const frontPage = hasFront ? loadPage(session, site, '/front.html', fileName) : undefined
  // The front prints as soon as it has loaded, while the body loads and prints.
  const frontPrint = frontPage?.then((loaded) => loaded.print({tagged: false}))
  // Failures are reported where these are awaited.
  frontPage?.catch(() => undefined)
  frontPrint?.catch(() => undefined)
  let tools: ReturnType<typeof pdfTools> | undefined
  try {
    const loaded = await bodyPage
    let bodyBytes: Uint8Array
    try {
      const printing = loaded.print({tagged: true})
      // Loading pdf-lib takes the main thread for a while: do it while Chromium prints, not while it loads the page.
      tools = pdfTools()
      tools.catch(() => undefined)
      bodyBytes = await printing
    } finally {
      await loaded.close()
    }
    // The body's bookmarks give the heading pages, read straight from the bytes: the
    // cover and 目录 can print while the body is parsed whole (for assembling and the preflight).
    const {assemblePdf, bookmarks, parse, writeTocNumbers} = await (tools ?? pdfTools())
    let read = await bookmarks(bodyBytes)
    let targets = headingTargets(read.bookmarks, context)
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
      bodyBytes = await printPage(session, site, '/body.html', {tagged: true, fileName})
      read = await bookmarks(bodyBytes)
      targets = headingTargets(read.bookmarks, context)
    }
    const headingPages = new Map([...targets].map(([id, target]) => [id, target.pageIndex + 1]))
    const finalBytes = bodyBytes
    const bodyDocument = async (): Promise<PrintedBody> => {
      const document = read.parsed ?? (await parse(finalBytes))
      return {headingPages, bytes: finalBytes, document, pageCount: document.getPageCount()}
    }

    // The 目录's numbers are written into its print. Where they cannot be (the
    // column's width was guessed wrong, or the print is not as expected), the
    // front prints again with them; a wrong width is known at once, so that
    // print runs while the body is parsed.
    const tocNumbers = tocPlan ? finalTocNumbers(context, headingPages) : undefined
    const reprintFront = async (numbers: TocNumbers): Promise<Uint8Array> => {
      const loaded = await (frontPage ?? Promise.reject(new Error('No front page to print')))
      await frontPrint
      await loaded.update(fillTocNumbers, {digits: numbers.digits, numbers: Object.fromEntries(numbers.text)})
      return loaded.print({tagged: false})
    }
    let reprint = tocNumbers && tocNumbers.digits !== tocPlan?.numbers.digits ? reprintFront(tocNumbers) : undefined
    reprint?.catch(() => undefined)
    // Tell the caller (the preflight reads the body's text, the Word copy takes the numbers).
    const printed = await bodyDocument()
    options.onBodyPrinted?.(printed)
    let front: PDFDocument | undefined
    if (frontPrint && !reprint) {
      front = await parse(await frontPrint)
      if (tocPlan && tocNumbers && !writeTocNumbers(front, tocPlan, numbersInOrder(context, tocNumbers))) reprint = reprintFront(tocNumbers)
    }
    if (reprint) front = await parse(await reprint)
    const body = printed.document
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
    return {bytes: assembled.bytes, document: assembled.document, pageCount: assembled.pageCount, frontPageCount: assembled.frontPageCount, headingPages}
  } finally {
    await frontPage?.then((loaded) => loaded.close()).catch(() => undefined)
    site.close()
  }
}

/** No 目录: a front of the cover alone. */
const noTocNumbers: TocNumbers = {digits: 1, text: new Map(), digitCarrier: false}

/**
 * Runs in the page: each 目录 entry links to `paiban:dest/<id>` (page.ts);
 * write that heading's page number into the entry, set the column's width
 * and take out the digits that were there for numbers written in later.
 */
function fillTocNumbers({digits, numbers}: {digits: number; numbers: Record<string, string>}): void {
  document.querySelector<HTMLElement>('nav.toc')?.style.setProperty('--toc-digits', String(digits))
  document.querySelector('.toc-digits')?.remove()
  for (const entry of document.querySelectorAll('a.toc-entry')) {
    const id = (entry.getAttribute('href') ?? '').replace('paiban:dest/', '')
    const number = entry.querySelector('.toc-page')
    if (number) number.textContent = numbers[id] ?? ''
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
