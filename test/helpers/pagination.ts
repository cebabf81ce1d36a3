import {readFile, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {readZip, writeZip} from '../../src/write/docx/zip.js'
import {pageCount, pdfOutline, pdfText, type OutlineItem} from './pdf.js'
import {projectRoot} from './template.js'
import {tool} from './tools.js'

/**
 * The Word copy laid out by LibreOffice, compared with the PDF: on which
 * printed page ("— n —") each heading lands in each. The machine has none of
 * the fonts the Word copy names, so test/fixtures/fonts/fonts.conf maps them
 * to the Noto CJK faces Debian installs (serif for 宋体/仿宋/楷体/小标宋, sans
 * for 黑体), as a Word user's machine would have the real ones.
 */

/** Convert .docx files to PDF in one LibreOffice run (a fresh profile: a shared one locks). */
export async function libreOfficePdfs(docxFiles: string[], outDir: string): Promise<string[]> {
  await tool('soffice', [`-env:UserInstallation=file://${outDir}/lo-profile`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...docxFiles], {
    timeout: 240_000,
    env: {FONTCONFIG_FILE: path.join(projectRoot, 'test/fixtures/fonts/fonts.conf')}
  })
  return docxFiles.map((file) => path.join(outDir, `${path.basename(file, '.docx')}.pdf`))
}

/** The printed page number ("— 3 —") of each physical page, or undefined where none is printed. */
export async function printedNumbers(pdf: string): Promise<Array<number | undefined>> {
  const count = await pageCount(pdf)
  const texts = await Promise.all(Array.from({length: count}, (_, index) => pdfText(pdf, {page: index + 1})))
  return texts.map((text) => {
    const found = [...text.matchAll(/—\s*(\d+)\s*—/g)].at(-1)
    return found ? Number(found[1]) : undefined
  })
}

/** Each bookmarked heading with the number printed on its page. */
export async function headingPages(pdf: string): Promise<Map<string, number | undefined>> {
  const numbers = await printedNumbers(pdf)
  const flat: OutlineItem[] = []
  const walk = (items: OutlineItem[]): void => items.forEach((item) => (flat.push(item), walk(item.kids)))
  walk(await pdfOutline(pdf))
  return new Map(flat.map((item) => [item.title, numbers[item.page - 1]]))
}

export interface PaginationMatch {
  /** Headings whose printed page is the same in both. */
  same: number
  /** Headings of the PDF's outline found in the Word copy's (the title is not a heading in Word). */
  compared: number
  rows: Array<{heading: string; pdf: number | undefined; word: number | undefined}>
}

export async function comparePagination(pdf: string, wordPdf: string): Promise<PaginationMatch> {
  const [inPdf, inWord] = await Promise.all([headingPages(pdf), headingPages(wordPdf)])
  const rows = [...inPdf].filter(([heading]) => inWord.has(heading)).map(([heading, page]) => ({heading, pdf: page, word: inWord.get(heading)}))
  return {same: rows.filter((row) => row.pdf !== undefined && row.pdf === row.word).length, compared: rows.length, rows}
}

/** A copy of a .docx whose document grid is of type `lines` only, without the characters (see docs/word.md). */
export async function withLinesOnlyGrid(docx: string, target: string): Promise<string> {
  const entries = readZip(new Uint8Array(await readFile(docx)))
  const document = new TextDecoder().decode(entries.get('word/document.xml'))
  entries.set('word/document.xml', new TextEncoder().encode(document.replace(/w:type="linesAndChars"( w:linePitch="\d+") w:charSpace="-?\d+"/g, 'w:type="lines"$1')))
  await writeFile(target, writeZip(entries, 0))
  return target
}
