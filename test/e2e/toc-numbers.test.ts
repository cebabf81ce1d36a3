import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {PDFDocument} from 'pdf-lib'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {buildBook} from '../../src/build.js'
import type {BuildContext} from '../../src/context.js'
import {parseDocument} from '../../src/model/parse.js'
import {writeHtml, type HtmlOutput} from '../../src/write/html/index.js'
import type {TocNumbers} from '../../src/write/html/page.js'
import {launchBrowser, type BrowserSession} from '../../src/write/pdf/browser.js'
import {writePdf} from '../../src/write/pdf/index.js'
import {estimateHeadingPages} from '../../src/write/pdf/page-estimate.js'
import {printPage} from '../../src/write/pdf/print.js'
import {writeTocNumbers} from '../../src/write/pdf/toc-numbers.js'
import {finalTocNumbers, numbersInOrder, planTocNumbers} from '../../src/write/pdf/toc-plan.js'
import {pdfLines, type TextLine} from '../helpers/pdf-lines.js'
import {pdfText} from '../helpers/pdf.js'
import {builtInTemplate, projectRoot} from '../helpers/template.js'

/**
 * The 目录 prints while the body does, with placeholders, and its numbers are
 * written into the print afterwards (write/pdf/toc-plan.ts, toc-numbers.ts).
 * These compare what that writes with what Chromium prints when it is given
 * the numbers, on the first booklet.
 */
let session: BrowserSession
let work: string
let context: BuildContext
let html: HtmlOutput
let headingPages: Map<string, number>

beforeAll(async () => {
  session = await launchBrowser()
  work = await mkdtemp(path.join(os.tmpdir(), 'paiban-toc-'))
  const source = 'source/zhuti-jiaoyu.md'
  context = {
    document: parseDocument(await readFile(path.join(projectRoot, source), 'utf8'), source),
    template: await builtInTemplate(),
    sourceDateEpoch: 0,
    projectRoot,
    sourceDirectory: path.join(projectRoot, 'source')
  }
  html = writeHtml(context, {name: 'zhuti-jiaoyu'})
  headingPages = (await writePdf(context, html, session, {producer: 'test'})).headingPages
})

afterAll(async () => {
  await session?.close()
})

/** Cover and 目录 printed with these numbers, parsed. */
async function printedFront(numbers: TocNumbers): Promise<PDFDocument> {
  const site = session.site()
  site.serve({documents: new Map([['/front.html', html.printFront(numbers)]]), fonts: html.printFonts, sourceDirectory: context.sourceDirectory, allowedRoots: ['/']})
  const bytes = await printPage(session, site, '/front.html', {tagged: false, fileName: 'front'}).finally(() => site.close())
  return PDFDocument.load(bytes)
}

/** Every page's lines as poppler reads them. */
async function linesOf(document: PDFDocument, name: string): Promise<TextLine[][]> {
  const file = path.join(work, `${name}.pdf`)
  await writeFile(file, await document.save())
  return pdfLines(file)
}

describe('the 目录 written before its numbers are known', () => {
  it('guesses each heading’s page to within one, so the column has the width of the largest number', () => {
    const estimated = estimateHeadingPages(context)
    for (const [id, page] of headingPages) expect(Math.abs((estimated.get(id) ?? 0) - page), id).toBeLessThanOrEqual(1)
    expect(planTocNumbers(context).numbers.digits).toBe(finalTocNumbers(context, headingPages).digits)
  })

  it('sets every number where Chromium sets it when it prints the number itself, and leaves no placeholder digits behind', async () => {
    const plan = planTocNumbers(context)
    const final = finalTocNumbers(context, headingPages)
    const written = await printedFront(plan.numbers)
    expect(writeTocNumbers(written, plan, numbersInOrder(context, final))).toBe(true)
    const ours = await linesOf(written, 'written')
    const chromium = await linesOf(await printedFront(final), 'printed')
    expect(ours.map((page) => page.map((line) => line.text))).toEqual(chromium.map((page) => page.map((line) => line.text)))
    const tocLines = chromium.flat().filter((line) => /\d$/.test(line.text))
    expect(tocLines.map((line) => line.text.replace(/^.*?(\d+)$/, '$1'))).toEqual(numbersInOrder(context, final))
    ours.flat().forEach((line, index) => {
      const theirs = chromium.flat()[index]
      expect(Math.abs(line.xMin - (theirs?.xMin ?? 0)), line.text).toBeLessThan(0.02)
      expect(Math.abs(line.xMax - (theirs?.xMax ?? 0)), line.text).toBeLessThan(0.02)
      expect(Math.abs(line.yMin - (theirs?.yMin ?? 0)), line.text).toBeLessThan(0.02)
    })
    expect(ours.flat().map((line) => line.text).join('')).not.toContain('0123456789')
  })

  it('writes nothing when a number is wider than the column guessed', async () => {
    const plan = planTocNumbers(context)
    const front = await printedFront(plan.numbers)
    const before = await linesOf(front, 'before')
    const numbers = numbersInOrder(context, finalTocNumbers(context, headingPages))
    expect(writeTocNumbers(front, plan, ['1'.repeat(plan.placeholder.length + 1), ...numbers.slice(1)])).toBe(false)
    expect(await linesOf(front, 'after')).toEqual(before)
  })

  it('writes nothing when the print lacks a digit’s glyph', async () => {
    const plan = planTocNumbers(context)
    const front = await printedFront({...plan.numbers, digitCarrier: false})
    const numbers = numbersInOrder(context, finalTocNumbers(context, headingPages))
    expect(numbers.some((number) => /[1-9]/.test(number))).toBe(true)
    expect(writeTocNumbers(front, plan, numbers)).toBe(false)
  })

  it('prints the 目录 again with its numbers when the guess was wrong', async () => {
    // Twenty figures each a page tall: the guess takes a figure for a third of a page.
    const project = await mkdtemp(path.join(work, 'figures-'))
    await mkdir(path.join(project, 'source'))
    await writeFile(path.join(project, 'source', 'figure.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="420"><rect width="300" height="420" fill="#ddd"/></svg>')
    const figures = Array.from({length: 20}, () => '![](figure.svg)').join('\n\n')
    const markdown = `---\ntitle: 图集\n---\n\n## 一、图\n\n${figures}\n\n## 二、后记\n\n正文。\n`
    await writeFile(path.join(project, 'source', 'tuji.md'), markdown)
    const guessed = planTocNumbers({...context, document: parseDocument(markdown, 'source/tuji.md'), sourceDirectory: path.join(project, 'source')})
    expect(guessed.numbers.digits).toBe(1)

    const result = await buildBook({projectRoot: project, outDir: 'out', formats: ['pdf'], force: true, browser: session})
    expect(result.failed, String(result.documents[0]?.error)).toBe(0)
    const toc = await pdfText(path.join(project, 'out', 'tuji.pdf'), {page: 3})
    const last = /二、后记\s*(\d+)/.exec(toc)?.[1]
    expect(last).toHaveLength(2)
    const body = await pdfText(path.join(project, 'out', 'tuji.pdf'))
    const pages = body.split('\f')
    const headingPage = pages.findIndex((page) => page.includes('二、后记') && !page.includes('目'))
    expect(pages[headingPage]).toMatch(new RegExp(`—\\s*${last}\\s*—`))
  })
})
