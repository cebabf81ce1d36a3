import {execFile} from 'node:child_process'
import os from 'node:os'
import type {PDFDocument, PDFPage} from 'pdf-lib'
import {readContentText, type PdfLine, type PdfPageText} from '../pdf/text.js'

export type {PdfLine, PdfPageText} from '../pdf/text.js'

export interface PdfTextRange {
  /** The PDF's page count, when known: a long book is then read in slices at once. */
  pageCount?: number
  /** Read pages 1 to this one only. Default: all. */
  last?: number
}

/**
 * The text of every page (or of the first `last`), as the preflight reads it:
 * from the content streams of the parsed PDF (src/pdf/text.ts), in a
 * tenth of poppler's time. `PAIBAN_PDF_TEXT=poppler` or `pdfjs` reads the
 * bytes with those instead, to compare.
 */
export async function readDocumentText(document: PDFDocument, bytes: Uint8Array | undefined, range: PdfTextRange & {pages?: PDFPage[]} = {}): Promise<PdfPageText[]> {
  const reader = process.env['PAIBAN_PDF_TEXT']
  // A body printed in parts has no bytes of its own: its pages are read from their content.
  if ((reader === 'poppler' || reader === 'pdfjs') && bytes) return readPdfText(bytes, range)
  return readContentText(document, range)
}

/**
 * Pages' text with lines laid over them from elsewhere: `over[i]`'s lines
 * join `pages[at + i]`'s (a body printed in parts gets its later part's
 * furniture after its text was read, write/pdf/index.ts).
 */
export function overlayText(pages: PdfPageText[], over: PdfPageText[], at: number): PdfPageText[] {
  return pages.map((page, index) => {
    const extra = over[index - at]
    return extra ? {...page, lines: [...page.lines, ...extra.lines]} : page
  })
}

/**
 * The text of every page (or of the first `last`). Poppler's pdftotext (the
 * tool print shops and our tests read PDFs with) does it in milliseconds;
 * where it is not installed, pdf.js (Firefox's PDF reader) does the same,
 * several times slower. `PAIBAN_PDF_TEXT=pdfjs` forces the second.
 */
export async function readPdfText(bytes: Uint8Array, range: PdfTextRange = {}): Promise<PdfPageText[]> {
  if (process.env['PAIBAN_PDF_TEXT'] !== 'pdfjs') {
    const pages = await readWithPoppler(bytes, range)
    if (pages !== undefined) return pages
  }
  return readWithPdfjs(bytes, range.last)
}

/**
 * pdftotext takes about 3 ms a page: a long book is read in slices of pages,
 * one process per core, and the slices joined.
 */
async function readWithPoppler(bytes: Uint8Array, {pageCount, last}: PdfTextRange): Promise<PdfPageText[] | undefined> {
  const count = last ?? pageCount
  const slices = count === undefined ? 1 : Math.max(1, Math.min(os.availableParallelism(), Math.floor(count / 100)))
  const size = count === undefined ? 0 : Math.ceil(count / slices)
  const ranges = Array.from({length: slices}, (_, index) =>
    count === undefined || (slices === 1 && last === undefined) ? [] : ['-f', String(index * size + 1), '-l', String(Math.min(count, (index + 1) * size))]
  )
  const outputs = await Promise.all(ranges.map((range) => pdftotext(bytes, range)))
  if (outputs.some((output) => output === undefined)) return undefined
  const pages = outputs.flatMap((output) => parseBboxLayout(output ?? ''))
  return pages.map((page, index) => ({...page, number: index + 1}))
}

/** `pdftotext -bbox-layout - -` of some pages, or undefined when poppler is not installed. */
function pdftotext(bytes: Uint8Array, range: string[]): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const child = execFile('pdftotext', ['-q', ...range, '-bbox-layout', '-', '-'], {encoding: 'utf8', maxBuffer: 512 * 1024 * 1024}, (error, stdout) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') resolve(undefined)
      else if (error) reject(error)
      else resolve(stdout)
    })
    child.stdin?.on('error', () => undefined)
    child.stdin?.end(bytes)
  })
}

const entities: Record<string, string> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'"}

/** Pages and lines of pdftotext's XHTML: `<page height>` … `<line yMax>` `<word>…</word>`. */
export function parseBboxLayout(xhtml: string): PdfPageText[] {
  const pages: PdfPageText[] = []
  for (const page of xhtml.split('<page ').slice(1)) {
    const height = Number(/height="([\d.]+)"/.exec(page)?.[1] ?? 0)
    const lines: PdfLine[] = []
    for (const line of page.split('<line ').slice(1)) {
      const bottom = Number(/yMax="([\d.]+)"/.exec(line)?.[1] ?? 0)
      const left = Number(/xMin="([\d.]+)"/.exec(line)?.[1] ?? 0)
      const words = [...line.matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map((word) => (word[1] ?? '').replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => entities[name] ?? ''))
      const text = words.join(' ').trim()
      if (text) lines.push({text, x: left, y: height - bottom})
    }
    pages.push({number: pages.length + 1, height, lines})
  }
  return pages
}

async function readWithPdfjs(bytes: Uint8Array, last: number | undefined): Promise<PdfPageText[]> {
  const {getDocument} = await import('pdfjs-dist/legacy/build/pdf.mjs')
  // pdf.js detaches the buffer it is given, and refuses a Buffer: hand it a plain copy.
  const document = await getDocument({data: new Uint8Array(bytes), disableFontFace: true, isEvalSupported: false, useSystemFonts: false, verbosity: 0}).promise
  try {
    const pages: PdfPageText[] = []
    for (let number = 1; number <= Math.min(document.numPages, last ?? Infinity); number++) {
      const page = await document.getPage(number)
      const content = await page.getTextContent()
      const lines: PdfLine[] = []
      let current = ''
      let baseline: number | undefined
      let left = 0
      const end = (): void => {
        if (current.trim() && baseline !== undefined) lines.push({text: current.trim(), x: left, y: baseline})
        current = ''
      }
      for (const item of content.items) {
        if (!('str' in item)) continue
        const y = item.transform[5] ?? 0
        if (baseline !== undefined && Math.abs(y - baseline) > 2) end()
        if (!current) left = item.transform[4] ?? 0
        baseline = y
        current += item.str
        if (item.hasEOL) end()
      }
      end()
      const [, , , top = 0] = page.view
      pages.push({number, height: top, lines})
      page.cleanup()
    }
    return pages
  } finally {
    await document.destroy()
  }
}

/** A page's text as it reads on the page: lines top to bottom, and left to right where they share a baseline. */
export function visualText(page: PdfPageText): string {
  return [...page.lines]
    .sort((a, b) => Math.round(b.y) - Math.round(a.y) || a.x - b.x)
    .map((line) => line.text)
    .join('\n')
}
