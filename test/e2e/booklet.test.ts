import {mkdtemp, readFile, readdir} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {toString} from 'mdast-util-to-string'
import {PDFDocument, PDFName} from 'pdf-lib'
import {beforeAll, describe, expect, it} from 'vitest'
import {buildBook} from '../../src/build.js'
import {parseDocument, type ParsedDocument} from '../../src/model/parse.js'
import {all, first, paragraphStyle, styleById, textOf, unpackDocx} from '../helpers/docx.js'
import {comparePagination, libreOfficePdfs} from '../helpers/pagination.js'
import {pageCount, pdfFonts, pdfInfo, pdfOutline, pdfText, squash, type OutlineItem} from '../helpers/pdf.js'
import {projectRoot} from '../helpers/template.js'

/**
 * The first booklet, built once (one browser) from source/ and read back
 * with poppler and qpdf: what a print shop and a reader would check.
 */
const source = path.join(projectRoot, 'source/zhuti-jiaoyu.md')
let out: string
let pdf: string
let document: ParsedDocument
let pages: string[]
let bodyStart: number

const closing = '，。、；：？！）》」』”’】'
const opening = '（《「『“‘【'

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'paiban-e2e-'))
  const result = await buildBook({inputs: [source], outDir: out, projectRoot, force: true})
  expect(result.failed, String(result.documents[0]?.error)).toBe(0)
  pdf = path.join(out, 'zhuti-jiaoyu.pdf')
  document = parseDocument(await readFile(source, 'utf8'), 'source/zhuti-jiaoyu.md')
  const count = await pageCount(pdf)
  pages = await Promise.all(Array.from({length: count}, (_, index) => pdfText(pdf, {page: index + 1})))
  bodyStart = pages.findIndex((text) => /—\s*1\s*—/.test(text))
})

/** The 目录's numbers by heading text, as pdftotext reads them. */
function pdfTocNumbers(): Map<string, number> {
  const tocPage = pages.findIndex((text) => squash(text).startsWith('目录'))
  expect(tocPage).toBeGreaterThan(0)
  expect(tocPage).toBeLessThan(bodyStart)
  const tocText = pages.slice(tocPage, bodyStart).join('\n').replace(/\n(?=\S)/g, '')
  const numbers = new Map<string, number>()
  for (const entry of document.outline) {
    const match = new RegExp(`${escape(entry.text)}\\s*(\\d+)`).exec(tocText)
    if (match) numbers.set(entry.text, Number(match[1]))
  }
  return numbers
}

/** The page (0-based) whose foot prints number `n`. */
function pageNumbered(n: number): number {
  return pages.findIndex((text, index) => index >= bodyStart && new RegExp(`—\\s*${n}\\s*—`).test(text))
}

describe('the booklet PDF', () => {
  it('is A5 (148 × 210 mm) on every page', async () => {
    const info = await pdfInfo(pdf)
    const [width, height] = (info['Page size'] ?? '').split(/\s*x\s*|\s+pts/).map(Number)
    expect(width).toBeCloseTo((148 / 25.4) * 72, 1)
    expect(height).toBeCloseTo((210 / 25.4) * 72, 1)
    const boxes = await import('../helpers/tools.js').then(({tool}) => tool('pdfinfo', ['-f', '1', '-l', String(pages.length), pdf]))
    expect(boxes.match(/Page +\d+ size: +419\.528 x 595\.276 pts/g)?.length).toBe(pages.length)
  })

  it('embeds every font as a TrueType-outline subset, none Type 3, none a fallback', async () => {
    const fonts = await pdfFonts(pdf)
    expect(fonts.length).toBeGreaterThan(0)
    for (const font of fonts) {
      expect(font.type, font.name).toBe('CID TrueType')
      expect(font.embedded, font.name).toBe(true)
      expect(font.name, 'a subset of the template’s fonts').toMatch(/^[A-Z]{6}\+Noto(Serif|Sans)SC/)
    }
    // The lead sentences and headings use the real bold Hei face, not a synthesized one.
    expect(fonts.some((font) => /NotoSansSC.*Bold/.test(font.name))).toBe(true)
  })

  it('holds every character of the source, in order, on the body pages', () => {
    const runningHeads = new Set([document.meta.title, ...document.outline.map((entry) => entry.text)].map(squash))
    const set = pages
      .slice(bodyStart)
      .map((text, offset) => [text, bodyStart + offset] as const)
      .map(([text, page]) =>
        text
          .split('\n')
          .filter((line) => !/^\s*—\s*\d+\s*—\s*$/.test(line))
          .filter((line, index) => !(index === 0 && page > bodyStart && runningHeads.has(squash(line))))
          .join('')
      )
      .join('')
    const expected = document.meta.title + (document.meta.subtitle ?? '') + document.tree.children.map((node) => toString(node)).join('')
    expect(squash(set)).toBe(squash(expected))
    expect(expected).toContain('“**党建在线”')
  })

  it('has a 目录 whose every number is the page where that heading is', () => {
    const numbers = pdfTocNumbers()
    const entries = document.outline.filter((entry) => entry.level <= 2)
    expect(entries.length).toBe(5)
    for (const entry of entries) {
      const printed = numbers.get(entry.text)
      expect(printed, `目录 entry for ${entry.text}`).toBeDefined()
      const page = pageNumbered(printed ?? 0)
      expect(page, `page numbered ${printed}`).toBeGreaterThanOrEqual(bodyStart)
      const firstWithHeading = pages.findIndex((text, index) => index >= bodyStart && squash(text).includes(squash(entry.text)))
      expect(firstWithHeading, `${entry.text} is on page ${printed}`).toBe(page)
    }
  })

  it('starts the body at page 1 on a right-hand page', () => {
    expect(bodyStart % 2, 'front matter has an even page count').toBe(0)
    expect(pageNumbered(1)).toBe(bodyStart)
  })

  it('has a bookmark for the title and every heading, pointing at its page', async () => {
    const outline = await pdfOutline(pdf)
    const flat: OutlineItem[] = []
    const walk = (items: OutlineItem[]): void => items.forEach((item) => (flat.push(item), walk(item.kids)))
    walk(outline)
    expect(flat.map((item) => item.title)).toEqual([document.meta.title, ...document.outline.map((entry) => entry.text)])
    for (const item of flat.slice(1)) {
      expect(squash(pages[item.page - 1] ?? ''), item.title).toContain(squash(item.title))
    }
  })

  it('breaks no line before a closing mark or after an opening one', async () => {
    for (let page = bodyStart; page < pages.length; page++) {
      const layout = await pdfText(pdf, {page: page + 1, layout: true})
      for (const line of layout.split('\n').map((row) => row.trim()).filter(Boolean)) {
        expect(closing.includes(line[0] ?? ''), `line starts with a closing mark: ${line}`).toBe(false)
        expect(opening.includes(line.at(-1) ?? ''), `line ends with an opening mark: ${line}`).toBe(false)
      }
    }
  })

  it('carries metadata: title, issuer, subject, keywords, language, source date, tags', async () => {
    const info = await pdfInfo(pdf)
    expect(info['Title']).toBe(document.meta.title)
    expect(info['Author']).toBe(document.meta.issuer)
    expect(info['Subject']).toBe(document.meta.subject)
    expect(info['Keywords']).toContain(document.meta.keywords[0])
    expect(info['Tagged']).toBe('yes')
    const loaded = await PDFDocument.load(await readFile(pdf), {updateMetadata: false})
    expect(loaded.getCreationDate()?.toISOString()).toBe('2023-06-01T00:00:00.000Z')
    expect(loaded.catalog.get(PDFName.of('Lang'))?.toString()).toContain('zh-CN')
  })

  it('puts running heads on body pages: the title on left pages, the section on right pages', () => {
    for (let index = bodyStart + 1; index < pages.length; index++) {
      const head = squash(pages[index]?.split('\n')[0] ?? '')
      const physicalRight = (index - bodyStart) % 2 === 0
      if (physicalRight) expect(document.outline.map((entry) => squash(entry.text))).toContain(head)
      else expect(head).toBe(squash(document.meta.title))
    }
  })
})

describe('the Word copy', () => {
  it('has a 目录 field pre-filled with the PDF’s page numbers', async () => {
    const docx = await unpackDocx(await readFile(path.join(out, 'zhuti-jiaoyu.docx')))
    const body = await docx.xml('word/document.xml')
    const toc = first(body, 'w:sdt')
    expect(toc, 'a TOC content control').toBeDefined()
    const instruction = all(toc ?? body, 'w:instrText').flatMap((element) => element.children).join('')
    expect(instruction).toMatch(/^\s*TOC\b.*\\o "1-2"/)
    const entries = all(toc ?? body, 'w:p').filter((paragraph) => paragraphStyle(paragraph)?.startsWith('TOC'))
    const pdfNumbers = pdfTocNumbers()
    expect(entries.length).toBe(pdfNumbers.size)
    for (const paragraph of entries) {
      const runs = all(paragraph, 'w:t').map((run) => run.children.join(''))
      const number = Number(runs.at(-1))
      const heading = runs.slice(0, -1).join('')
      expect(pdfNumbers.get(heading), heading).toBe(number)
    }
  })

  it('sets sections in heading 1 (黑体) and body paragraphs in Normal (宋体) with a 2-character indent', async () => {
    const docx = await unpackDocx(await readFile(path.join(out, 'zhuti-jiaoyu.docx')))
    const body = await docx.xml('word/document.xml')
    const styles = await docx.xml('word/styles.xml')
    const paragraphs = all(body, 'w:p').filter((paragraph) => textOf(paragraph).length > 0)
    const headings = paragraphs.filter((paragraph) => paragraphStyle(paragraph) === 'Heading1').map(textOf)
    expect(headings).toEqual(document.outline.map((entry) => entry.text))
    const normal = styleById(styles, 'Normal')
    expect(first(normal, 'w:rFonts')?.attributes['w:eastAsia']).toBe('宋体')
    expect(first(normal, 'w:ind')?.attributes['w:firstLineChars']).toBe('200')
    expect(first(styleById(styles, 'Heading1'), 'w:rFonts')?.attributes['w:eastAsia']).toBe('黑体')
  })
})

describe('the Word copy’s sections', () => {
  it('are A5 with mirrored margins: a cover and 目录 without numbers, then the body numbered from 1 at the outer foot', async () => {
    const docx = await unpackDocx(await readFile(path.join(out, 'zhuti-jiaoyu.docx')))
    const body = await docx.xml('word/document.xml')
    const sections = all(body, 'w:sectPr')
    // Cover, 目录, the opening and five sections.
    expect(sections).toHaveLength(3 + document.outline.length)
    for (const section of sections) {
      expect(first(section, 'w:pgSz')?.attributes).toMatchObject({'w:w': '8391', 'w:h': '11906'})
      expect(first(section, 'w:pgMar')?.attributes).toMatchObject({'w:top': '1247', 'w:bottom': '1247', 'w:left': '1077', 'w:right': '1013'})
    }
    expect(await docx.text('word/settings.xml')).toContain('<w:mirrorMargins/>')
    const numbered = sections.map((section) => first(section, 'w:pgNumType')?.attributes['w:start'])
    expect(numbered.indexOf('1')).toBe(2)
    // The 目录 starts on a right-hand page, the body sections each on a new page.
    expect(sections.slice(1).map((section) => first(section, 'w:type')?.attributes['w:val'])).toEqual(['oddPage', ...sections.slice(2).map(() => 'nextPage')])
    const styles = await docx.xml('word/styles.xml')
    expect(first(styleById(styles, 'Footer'), 'w:jc')?.attributes['w:val']).toBe('right')
    expect(first(styleById(styles, 'FooterEven'), 'w:jc')?.attributes['w:val']).toBe('left')
  })
})

describe('the Word copy laid out by LibreOffice', () => {
  it('puts every heading on the same page as the PDF (docs/word.md)', async () => {
    const [wordPdf] = await libreOfficePdfs([path.join(out, 'zhuti-jiaoyu.docx')], path.join(out, 'lo'))
    const match = await comparePagination(pdf, wordPdf ?? '')
    console.log(`booklet: headings on the same page as in the PDF, LibreOffice: ${match.same} of ${match.compared}`)
    expect(match.compared).toBe(document.outline.length)
    expect(match.same).toBe(match.compared)
  })
})

describe('the web page', () => {
  it('holds the text, the headings and the 目录, with assets beside it and nothing remote', async () => {
    const html = await readFile(path.join(out, 'zhuti-jiaoyu.html'), 'utf8')
    expect(html).toContain('<html lang="zh-CN">')
    expect(html).toContain(`<title>${document.meta.title}</title>`)
    for (const entry of document.outline) expect(html).toContain(`id="${entry.id}"`)
    expect(html).toContain('<strong class="lead">')
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//)
    const fonts = [...html.matchAll(/url\('(assets\/fonts\/[^']+)'\)/g)].map((match) => match[1] ?? '')
    expect(fonts.length).toBeGreaterThan(0)
    const present = new Set(await readdir(path.join(out, 'assets/fonts')))
    for (const font of fonts) expect(present.has(path.basename(font)), font).toBe(true)
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
