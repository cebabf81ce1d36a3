import {toString} from 'mdast-util-to-string'
import type {PDFDocument} from 'pdf-lib'
import {tocEntries} from '../model/outline.js'
import type {ParsedDocument} from '../model/parse.js'
import {loadPdf} from '../pdf/document.js'
import type {ResolvedTemplate} from '../template/resolve.js'
import {fontProblems, listPdfFonts} from './pdf-fonts.js'
import {pageLabels} from './page-labels.js'
import {readDocumentText, visualText, type PdfPageText} from './pdf-text.js'
import {findLostText, lostFinding} from './rules/lost-text.js'
import {sourceBlocks, squash} from './source-text.js'

// The Word copy's check has no use for pdf-lib, so the Word writer's worker loads it alone.
export {checkDocx} from './docx.js'

/**
 * The preflight: what a print shop and a careful reader would check, run on
 * the finished files. Each finding names the rule, the place in the source
 * where there is one, and the page.
 */
export interface CheckFinding {
  ruleId: 'lost-text' | 'missing-glyph' | 'font-not-embedded' | 'type3-font' | 'fallback-font' | 'page-size' | 'toc-page-mismatch' | 'page-number-missing'
  reason: string
  /** `file:line:column` in the source. */
  place: string | undefined
  /** 1-based page of the PDF. */
  page?: number
}

export interface CheckInput {
  document: ParsedDocument
  template: ResolvedTemplate
}

const pointsPerMm = 72 / 25.4

/** A page's lines by where they stand: in the type area, or in the bottom margin (page numbers). */
function pageAreas(page: PdfPageText, template: ResolvedTemplate): {body: string[]; foot: string[]} {
  const top = page.height - template.page.margin.topMm * pointsPerMm
  const bottom = template.page.margin.bottomMm * pointsPerMm
  // A line's baseline sits below its top: allow a line's height of slack at the top edge.
  const slack = template.body.sizePt
  const inBody = (line: {y: number}): boolean => line.y < top && line.y > bottom - slack / 2
  return {
    body: page.lines.filter(inBody).map((line) => line.text),
    foot: page.lines.filter((line) => line.y <= bottom - slack / 2).map((line) => line.text)
  }
}

/** What the build already has of the PDF, so the check does not do it again. */
export interface PdfCheckShortcuts {
  /** The same PDF, parsed by pdf-lib. */
  parsed?: PDFDocument
  /**
   * The text of the body's pages (those numbered from 1), read from the body
   * as Chromium printed it, before the front pages were put before it
   * (assembling copies their content as it is). The pages before the body
   * are then the only ones read from `bytes`.
   */
  bodyText?: Promise<PdfPageText[]>
}

export async function checkPdf(bytes: Uint8Array, {document, template}: CheckInput, shortcuts: PdfCheckShortcuts = {}): Promise<CheckFinding[]> {
  const findings: CheckFinding[] = []
  const pdf = shortcuts.parsed ?? (await loadPdf(bytes))
  const fileName = document.file.path

  // Page size: the template's, to a tenth of a point.
  pdf.getPages().forEach((page, index) => {
    const {width, height} = page.getMediaBox()
    const expectedWidth = template.page.widthMm * pointsPerMm
    const expectedHeight = template.page.heightMm * pointsPerMm
    if (Math.abs(width - expectedWidth) > 0.1 || Math.abs(height - expectedHeight) > 0.1) {
      findings.push({
        ruleId: 'page-size',
        reason: `Page is ${width.toFixed(2)} × ${height.toFixed(2)} pt, expected ${expectedWidth.toFixed(2)} × ${expectedHeight.toFixed(2)} pt (${template.page.widthMm} × ${template.page.heightMm} mm)`,
        place: fileName,
        page: index + 1
      })
    }
  })

  // Fonts: embedded, not Type 3, the template's own.
  for (const problem of fontProblems(listPdfFonts(pdf), template.fonts.map((font) => font.family))) {
    const ruleId = problem.startsWith('Type 3') ? 'type3-font' : problem.includes('not embedded') ? 'font-not-embedded' : 'fallback-font'
    findings.push({ruleId, reason: problem, place: fileName})
  }

  // Text: every character of the source, in order, on the body pages (those numbered from 1).
  const labels = pageLabels(pdf)
  const bodyStart = Math.max(0, labels.indexOf('1'))
  const pages = await pdfText(pdf, bytes, bodyStart, shortcuts.bodyText)
  let stream = ''
  const pageAt: Array<{offset: number; page: number}> = []
  // Each body page's text, without running heads and page numbers, squashed.
  const bodyTexts: string[] = []
  for (const page of pages.slice(bodyStart)) {
    pageAt.push({offset: stream.length, page: page.number})
    const areas = pageAreas(page, template)
    const text = squash(areas.body.join(''))
    bodyTexts.push(text)
    stream += text
    // Every page with text prints its number at its foot (a blank page before a section has neither).
    // Chromium prints no margin box of a page at all when one of them waits for a face: running heads gone too.
    const label = labels[page.number - 1] ?? String(page.number - bodyStart)
    const number = squash(template.pageNumber.format.replace('{page}', label))
    if (text !== '' && !squash(areas.foot.join('')).includes(number)) {
      findings.push({ruleId: 'page-number-missing', reason: `Page ${label} prints no page number (“${number}” at its foot)`, place: fileName, page: page.number})
    }
  }
  const pageOf = (offset: number): number => pageAt.findLast((entry) => entry.offset <= offset)?.page ?? 1
  const lost = findLostText(sourceBlocks(document.tree, document.meta, {withTitle: true}), stream)
  if (lost) findings.push(lostFinding(document, lost, 'PDF', pageOf(lost.at)))

  const replacement = stream.indexOf('\uFFFD')
  if (replacement !== -1 && !toString(document.tree).includes('\uFFFD')) {
    findings.push({ruleId: 'missing-glyph', reason: 'A glyph prints as .notdef (U+FFFD in the text)', place: fileName, page: pageOf(replacement)})
  }

  // 目录: each number is the page where its heading is.
  // The 目录 read line by line as it looks: a title spaced out (目 录) may come apart in reading order.
  const front = squash(pages.slice(0, bodyStart).map(visualText).join(''))
  if (template.toc.show && front) {
    // Headings come in order, in the 目录 and in the body: each search goes on from where the last one matched.
    let listedFrom = 0
    let pageFrom = 0
    for (const entry of tocEntries(document.outline, template.toc.depth)) {
      const heading = squash(entry.text)
      const pattern = new RegExp(`${escapeRegExp(heading)}(\\d+)`, 'g')
      pattern.lastIndex = listedFrom
      const listed = pattern.exec(front)
      if (listed) listedFrom = pattern.lastIndex
      const found = bodyTexts.findIndex((text, index) => index >= pageFrom && text.includes(heading))
      if (found !== -1) pageFrom = found
      const actual = found === -1 ? undefined : pages[bodyStart + found]
      const place = `${fileName}:${entry.line ?? 1}:1`
      if (!listed) {
        findings.push({ruleId: 'toc-page-mismatch', reason: `Heading “${entry.text}” is not in the 目录`, place})
      } else if (!actual || labels[actual.number - 1] !== listed[1]) {
        findings.push({
          ruleId: 'toc-page-mismatch',
          reason: `目录 says “${entry.text}” is on page ${listed[1]}, but it is on page ${actual ? labels[actual.number - 1] : '(none)'}`,
          place,
          ...(actual ? {page: actual.number} : {})
        })
      }
    }
  }
  return findings
}

/** Every page's text: the body's from `bodyText` when given, the pages before it from the PDF. */
async function pdfText(pdf: PDFDocument, bytes: Uint8Array, bodyStart: number, bodyText: Promise<PdfPageText[]> | undefined): Promise<PdfPageText[]> {
  const pageCount = pdf.getPageCount()
  if (!bodyText) return readDocumentText(pdf, bytes, {pageCount})
  const [front, body] = await Promise.all([bodyStart > 0 ? readDocumentText(pdf, bytes, {last: bodyStart}) : [], bodyText])
  if (front.length + body.length !== pageCount) {
    throw new Error(`The PDF has ${pageCount} pages, but its front has ${front.length} and its body ${body.length}`)
  }
  return [...front, ...body.map((page, index) => ({...page, number: bodyStart + index + 1}))]
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
