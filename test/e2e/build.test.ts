import {createHash} from 'node:crypto'
import {cp, mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {strFromU8, strToU8, unzipSync, zipSync} from 'fflate'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {buildBook, type BuildEvent} from '../../src/build.js'
import {checkDocx, checkPdf} from '../../src/check/index.js'
import {readDocumentText, readPdfText, type PdfPageText} from '../../src/check/pdf-text.js'
import type {BuildContext} from '../../src/context.js'
import {parseDocument} from '../../src/model/parse.js'
import {documentObjects, openObjects} from '../../src/pdf/objects.js'
import {watchProject} from '../../src/watch.js'
import {writeHtml, type HtmlOutput} from '../../src/write/html/index.js'
import {launchBrowser, type BrowserSession} from '../../src/write/pdf/browser.js'
import {writePdf} from '../../src/write/pdf/index.js'
import {readBookmarks} from '../../src/write/pdf/outline.js'
import {printPage} from '../../src/write/pdf/print.js'
import {pageCount, pdfText} from '../helpers/pdf.js'
import {builtInTemplate, projectRoot} from '../helpers/template.js'

/**
 * The build as CI runs it: a project of several texts, built twice
 * (byte-identical), incrementally, and checked by the preflight.
 */
let project: string
let session: BrowserSession
const seed = path.join(projectRoot, 'source/zhuti-jiaoyu.md')
const small = (title: string, body: string): string => `---\ntitle: ${title}\ndate: 2024-01-02\n---\n\n## 一、${title}\n\n${body}\n`

/** Build one text, its PDF only, in a project of its own; the PDF's path. */
async function pdfOfText(name: string, markdown: string): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), `paiban-${name}-`))
  await mkdir(path.join(folder, 'source'))
  await writeFile(path.join(folder, 'source', `${name}.md`), markdown)
  const result = await buildBook({projectRoot: folder, outDir: 'out', formats: ['pdf'], force: true, browser: session})
  expect(result.failed, String(result.documents[0]?.error)).toBe(0)
  return path.join(folder, 'out', `${name}.pdf`)
}

async function sha256(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex')
}

beforeAll(async () => {
  project = await mkdtemp(path.join(os.tmpdir(), 'paiban-build-'))
  await mkdir(path.join(project, 'source'))
  await cp(seed, path.join(project, 'source/zhuti-jiaoyu.md'))
  await writeFile(path.join(project, 'source/a.md'), small('第一份材料', '正文甲。'))
  await writeFile(path.join(project, 'source/b.md'), small('第二份材料', '正文乙。'))
  session = await launchBrowser()
})

afterAll(async () => {
  await session.close()
})

describe('reproducible builds', () => {
  it('gives byte-identical PDF, Word and HTML when built twice into different folders', async () => {
    const one = await buildBook({projectRoot: project, outDir: 'one', jobs: 2, browser: session})
    const two = await buildBook({projectRoot: project, outDir: 'two', jobs: 2, browser: session})
    expect(one.failed + two.failed, String(one.documents.find((document) => document.error)?.error)).toBe(0)
    for (const name of ['zhuti-jiaoyu', 'a', 'b']) {
      for (const format of ['pdf', 'docx', 'html']) {
        const file = `${name}.${format}`
        expect(await sha256(path.join(project, 'two', file)), file).toBe(await sha256(path.join(project, 'one', file)))
      }
    }
  })

  it('writes a manifest whose hashes, sizes and page counts are the files’', async () => {
    const manifest = JSON.parse(await readFile(path.join(project, 'one/manifest.json'), 'utf8')) as {
      documents: Array<{source: string; inputHash: string; outputs: Array<{format: string; file: string; sha256: string; bytes: number; pages?: number}>}>
    }
    expect(manifest.documents.map((document) => document.source)).toEqual(['source/a.md', 'source/b.md', 'source/zhuti-jiaoyu.md'])
    for (const document of manifest.documents) {
      expect(document.inputHash).toMatch(/^[0-9a-f]{64}$/)
      expect(document.outputs.map((output) => output.format).sort()).toEqual(['docx', 'html', 'pdf'])
      for (const output of document.outputs) {
        const file = path.join(project, 'one', output.file)
        expect(output.sha256).toBe(await sha256(file))
        expect(output.bytes).toBe((await readFile(file)).length)
        if (output.format === 'pdf') expect(output.pages).toBe(await pageCount(file))
      }
    }
  })
})

describe('margin boxes', () => {
  it('prints running heads and page numbers whose characters the body text never sets in their font', async () => {
    // Title and section heads set in 黑体 only; the running heads and numbers are in 宋体.
    const text = '这是正文段落。'.repeat(300)
    const pdf = await pdfOfText('tuji', `---\ntitle: 图集\n---\n\n## 一、图\n\n${text}\n\n## 二、后记\n\n${text}\n`)
    const pages = (await pdfText(pdf)).split('\f').filter((page) => page.includes('这是正文段落'))
    expect(pages.length).toBeGreaterThan(4)
    pages.forEach((page, index) => expect(page, `body page ${index + 1}`).toMatch(new RegExp(`—\\s*${index + 1}\\s*—`)))
    // Left pages carry the title, right pages their section (not the first page of the body).
    expect(pages.slice(1).every((page, index) => page.includes(index % 2 === 0 ? '图集' : '、'))).toBe(true)
  })
})

describe('the 目录', () => {
  it('runs each leader from the end of its entry’s last line to the number, a wrapped entry’s too', async () => {
    const text = '这是正文段落。'.repeat(40)
    const sections = ['一', '二'].map((n) => `## ${n}、第${n}部分\n\n${text}\n\n### （一）第一小节的标题比较长一些需要换行才能放下的标题文字\n\n${text}\n`)
    const file = await pdfOfText('mulu', `---\ntitle: 目录\n---\n\n${sections.join('\n')}`)
    const {PDFDocument} = await import('pdf-lib')
    const {pageContentBytes, latin1Text} = await import('../../src/pdf/stream.js')
    const pdf = await PDFDocument.load(await readFile(file))
    // The cover, a blank, then the 目录: its leaders are rows of 1-unit dots (CSS pixels: 14 to the em of 五号).
    const content = latin1Text(pageContentBytes(pdf.getPage(2)))
    const rows = new Map<number, number[]>()
    for (const [, x, y] of content.matchAll(/^([\d.]+) ([\d.]+) [12] 1 re$/gm)) rows.set(Number(y), [...(rows.get(Number(y)) ?? []), Number(x)])
    expect(rows.size).toBe(4)
    // Each runs 0.4 em short of the number column at the right (level 1: x ≈ 400; level 2 too).
    const ends = [...rows.values()].map((xs) => Math.max(...xs))
    expect(Math.max(...ends) - Math.min(...ends)).toBeLessThan(3)
    // A wrapped entry's last line, （一）… 题文字, is short: its leader is long, not the 2 em minimum at the right.
    for (const xs of rows.values()) expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(10 * 14)
  })
})

describe('line starts', () => {
  it('never starts a line with a 间隔号 or a full-width tilde: each stays with the character before it', async () => {
    // After the 2-character indent a line of the booklet holds 28 characters: each mark comes 29th, where Chromium would break before it.
    const paragraphs = [`${'正'.repeat(27)}卡·马克思说：${'文'.repeat(20)}`, `${'文'.repeat(28)}～${'文'.repeat(20)}`]
    const pdf = await pdfOfText('marks', `---\ntitle: 间隔号\n---\n\n${paragraphs.join('\n\n')}\n`)
    const lines = (await pdfText(pdf, {layout: true})).split('\n').map((line) => line.trim()).filter(Boolean)
    expect(lines.filter((line) => /^[·～]/.test(line))).toEqual([])
    // The character before each mark went to the next line with it.
    expect(lines.some((line) => line.startsWith('卡·马克思'))).toBe(true)
    expect(lines.some((line) => line.startsWith('文～'))).toBe(true)
  })
})

describe('press outputs from the build', () => {
  it('writes x.press.pdf and x.imposed.pdf beside the PDF and lists them in the manifest', async () => {
    const notes: string[] = []
    const result = await buildBook({
      projectRoot: project,
      inputs: ['source/a.md'],
      outDir: 'press',
      formats: ['pdf'],
      press: {press: true, impose: 'saddle'},
      browser: session,
      onEvent: (event) => (event.type === 'note' ? notes.push(event.note) : undefined)
    })
    expect(result.failed, String(result.documents[0]?.error)).toBe(0)
    expect(result.documents[0]?.outputs.map((output) => output.format)).toEqual(['pdf', 'press.pdf', 'imposed.pdf'])
    const boxes = await import('../helpers/tools.js').then(({tool}) => tool('pdfinfo', ['-box', path.join(project, 'press/a.press.pdf')]))
    expect(boxes).toMatch(/TrimBox:\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+/)
    expect(notes.some((note) => note.startsWith('imposed.pdf: ') && /sheet/.test(note))).toBe(true)
  })
})

describe('press outputs asked for by the text', () => {
  it('takes press: from the front matter, and the command line over it', async () => {
    await writeFile(path.join(project, 'pressed.md'), `---\ntitle: 付印稿\npress: {press: true, bleedMm: 5}\n---\n\n## 一、付印\n\n正文。\n`)
    const built = async (press?: {bleedMm: number}): Promise<string> => {
      const result = await buildBook({projectRoot: project, inputs: ['pressed.md'], outDir: 'pressed', formats: ['pdf'], force: true, browser: session, ...(press ? {press} : {})})
      expect(result.failed, String(result.documents[0]?.error)).toBe(0)
      return import('../helpers/tools.js').then(({tool}) => tool('pdfinfo', ['-box', path.join(project, 'pressed/pressed.press.pdf')]))
    }
    const bleed = (boxes: string): number => {
      const [, x = '0'] = /BleedBox:\s+([\d.]+)/.exec(boxes) ?? []
      const [, trim = '0'] = /TrimBox:\s+([\d.]+)/.exec(boxes) ?? []
      return Math.round(((Number(trim) - Number(x)) * 25.4) / 72)
    }
    expect(bleed(await built())).toBe(5)
    expect(bleed(await built({bleedMm: 2}))).toBe(2)
  })
})

describe('incremental builds', () => {
  const built = (events: BuildEvent[]): string[] =>
    events.filter((event) => event.type === 'done').map((event) => path.basename(event.input)).sort()

  it('rebuilds only what an edit touches, everything when the template changes, and all with force', async () => {
    await cp(path.join(projectRoot, 'templates/booklet'), path.join(project, 'templates/mine'), {recursive: true})
    const build = async (force = false): Promise<string[]> => {
      const events: BuildEvent[] = []
      const result = await buildBook({projectRoot: project, outDir: 'inc', formats: ['html'], template: './templates/mine', force, onEvent: (event) => events.push(event)})
      expect(result.failed).toBe(0)
      return built(events)
    }
    expect(await build()).toEqual(['a.md', 'b.md', 'zhuti-jiaoyu.md'])
    expect(await build()).toEqual([])
    await writeFile(path.join(project, 'source/a.md'), small('第一份材料', '正文甲，改过了。'))
    expect(await build()).toEqual(['a.md'])
    await writeFile(path.join(project, 'templates/mine/template.css'), 'p { letter-spacing: 0; }\n')
    expect(await build()).toEqual(['a.md', 'b.md', 'zhuti-jiaoyu.md'])
    const yaml = path.join(project, 'templates/mine/template.yaml')
    await writeFile(yaml, (await readFile(yaml, 'utf8')).replace('lineHeight: 1.75', 'lineHeight: 1.8'))
    expect(await build()).toEqual(['a.md', 'b.md', 'zhuti-jiaoyu.md'])
    expect(await build()).toEqual([])
    expect(await build(true)).toEqual(['a.md', 'b.md', 'zhuti-jiaoyu.md'])
  })

  it('builds only its shard', async () => {
    const seen = new Set<string>()
    for (const index of [1, 2, 3]) {
      const result = await buildBook({projectRoot: project, outDir: `shard-${index}`, formats: ['html'], shard: {index, count: 3}})
      for (const document of result.documents) {
        expect(seen.has(document.input)).toBe(false)
        seen.add(document.input)
      }
    }
    expect(seen.size).toBe(3)
  })
})

describe('the preflight', () => {
  const sourceMarkdown = async (): Promise<string> => readFile(seed, 'utf8')

  /** Build a PDF and Word copy from `markdown`, to check them against the real source. */
  async function outputsOf(markdown: string): Promise<{pdf: Uint8Array; docx: Uint8Array; body: Uint8Array; headingPages: Map<string, number>; context: BuildContext; html: HtmlOutput}> {
    const context: BuildContext = {
      document: parseDocument(markdown, 'source/zhuti-jiaoyu.md'),
      template: await builtInTemplate(),
      sourceDateEpoch: 0,
      projectRoot,
      sourceDirectory: path.join(projectRoot, 'source')
    }
    const html = writeHtml(context, {name: 'x'})
    let body: Uint8Array = new Uint8Array()
    const pdf = await writePdf(context, html, session, {
      producer: 'test',
      onBodyPrinted: (printed) => {
        body = printed.bytes ?? new Uint8Array()
      }
    })
    const {writeDocx} = await import('../../src/write/docx/index.js')
    return {pdf: pdf.bytes, docx: await writeDocx(context, {tocPages: pdf.headingPages}), body, headingPages: pdf.headingPages, context, html}
  }

  async function checked(): Promise<Parameters<typeof checkPdf>[1]> {
    return {document: parseDocument(await sourceMarkdown(), 'source/zhuti-jiaoyu.md'), template: await builtInTemplate()}
  }

  it('passes the real outputs', async () => {
    const {pdf, docx} = await outputsOf(await sourceMarkdown())
    expect(await checkPdf(pdf, await checked())).toEqual([])
    expect(checkDocx(docx, await checked())).toEqual([])
  })

  it.each(['content', 'poppler', 'pdfjs'])('fails a PDF and a Word copy with a paragraph cut out, naming the line and the page (PDF text by %s)', async (reader) => {
    const markdown = await sourceMarkdown()
    const lines = markdown.split('\n')
    const cut = lines.findIndex((line) => line.startsWith('**二要讲政治'))
    const {pdf, docx} = await outputsOf([...lines.slice(0, cut), ...lines.slice(cut + 1)].join('\n'))
    process.env['PAIBAN_PDF_TEXT'] = reader
    try {
      const pdfFindings = await checkPdf(pdf, await checked())
      expect(pdfFindings).toHaveLength(1)
      expect(pdfFindings[0]).toMatchObject({ruleId: 'lost-text', place: `source/zhuti-jiaoyu.md:${cut + 1}:1`})
      expect(pdfFindings[0]?.page).toBeGreaterThan(4)
      expect(await checkPdf((await outputsOf(markdown)).pdf, await checked())).toEqual([])
    } finally {
      delete process.env['PAIBAN_PDF_TEXT']
    }
    expect(checkDocx(docx, await checked())).toEqual([expect.objectContaining({ruleId: 'lost-text', place: `source/zhuti-jiaoyu.md:${cut + 1}:1`})])
  })

  it('reads the body’s text from the body as printed, as the build does, with the same findings and pages', async () => {
    const lines = (await sourceMarkdown()).split('\n')
    const cut = lines.findIndex((line) => line.startsWith('**二要讲政治'))
    const {pdf, body} = await outputsOf([...lines.slice(0, cut), ...lines.slice(cut + 1)].join('\n'))
    const whole = await checkPdf(pdf, await checked())
    const shortcut = await checkPdf(pdf, await checked(), {bodyText: readPdfText(body, {})})
    expect(shortcut).toEqual(whole)
    expect(shortcut).toEqual([expect.objectContaining({ruleId: 'lost-text', place: `source/zhuti-jiaoyu.md:${cut + 1}:1`})])
    // A body that is not the PDF's (a page short) is an error, not a pass.
    const {PDFDocument} = await import('pdf-lib')
    const short = await PDFDocument.load(body)
    short.removePage(short.getPageCount() - 1)
    await expect(checkPdf(pdf, await checked(), {bodyText: readPdfText(await short.save())})).rejects.toThrow(/front has \d+ and its body/)
  })

  it('reads the text poppler reads, page by page, from the content streams', async () => {
    const {pdf} = await outputsOf(await sourceMarkdown())
    const {PDFDocument} = await import('pdf-lib')
    const own = await readDocumentText(await PDFDocument.load(pdf), pdf)
    const poppler = await readPdfText(pdf)
    // The same characters on each page (poppler orders lines by position, the content reader as drawn).
    const characters = (page: PdfPageText | undefined): string => [...(page?.lines.map((line) => line.text).join('') ?? '').replace(/\s+/g, '')].sort().join('')
    expect(own.length).toBe(poppler.length)
    expect(own.map(characters)).toEqual(poppler.map(characters))
    expect(own.some((page) => page.lines.length > 10)).toBe(true)
  })

  it('reads the body’s bookmarks from its bytes as from the whole document parsed, and only from a file Chromium wrote', async () => {
    const {body} = await outputsOf(await sourceMarkdown())
    const {PDFDocument} = await import('pdf-lib')
    const objects = openObjects(body)
    expect(objects).toBeDefined()
    const quick = readBookmarks(objects!)
    const whole = readBookmarks(documentObjects(await PDFDocument.load(body)))
    expect(quick).toEqual(whole)
    // The seed's title and its five sections, on the body's pages in order.
    expect(quick.map((bookmark) => bookmark.depth)).toEqual([1, 2, 2, 2, 2, 2])
    expect(quick.slice(1).map((bookmark) => bookmark.pageIndex)).toEqual([...quick.slice(1).map((bookmark) => bookmark.pageIndex)].sort((a, b) => a - b))
    expect(quick.every((bookmark) => bookmark.pageIndex >= 0 && bookmark.top !== undefined)).toBe(true)
    // pdf-lib's own output (a cross-reference stream) is not read this way: the caller parses it whole.
    expect(openObjects(await (await PDFDocument.load(body)).save({useObjectStreams: true}))).toBeUndefined()
  })

  it('fails a Word copy whose text lost a sentence', async () => {
    const {docx} = await outputsOf(await sourceMarkdown())
    const parts = unzipSync(docx)
    const xml = strFromU8(parts['word/document.xml'] ?? new Uint8Array())
    parts['word/document.xml'] = strToU8(xml.replace('营造比学赶超的浓厚氛围。', ''))
    const findings = checkDocx(zipSync(parts), await checked())
    expect(findings).toEqual([expect.objectContaining({ruleId: 'lost-text'})])
    expect(findings[0]?.reason).toContain('营造比学赶超')
  })

  it('fails body pages that print no page number at their foot', async () => {
    // The real PDF checked against a template whose numbers read 第 n 页: no page has that.
    const {pdf} = await outputsOf(await sourceMarkdown())
    const input = await checked()
    const template = {...input.template, pageNumber: {...input.template.pageNumber, format: '第 {page} 页'}}
    const findings = await checkPdf(pdf, {...input, template})
    expect(findings.length).toBeGreaterThan(5)
    expect(findings.every((finding) => finding.ruleId === 'page-number-missing')).toBe(true)
    expect(findings[0]?.reason).toBe('Page 1 prints no page number (“第1页” at its foot)')
  })

  it('fails a 目录 whose numbers are off by one', async () => {
    // The body as printed, with a 目录 printed from numbers one too high in front of it.
    const {headingPages, body, context, html} = await outputsOf(await sourceMarkdown())
    const {PDFDocument} = await import('pdf-lib')
    const shifted = new Map([...headingPages].map(([id, page]) => [id, page + 1]))
    const resources = {documents: new Map([['/front.html', html.printFront(shifted)]]), fonts: html.printFonts, sourceDirectory: context.sourceDirectory, allowedRoots: ['/']}
    const site = session.site()
    site.serve(resources)
    const front = await printPage(session, site, '/front.html', {tagged: false, fileName: 'x'}).finally(() => site.close())
    const {assemblePdf} = await import('../../src/write/pdf/assemble.js')
    const pdf = (
      await assemblePdf({
        body: await PDFDocument.load(body),
        front: await PDFDocument.load(front),
        padFront: context.template.page.twoSided,
        targets: new Map(),
        meta: context.document.meta,
        sourceDateEpoch: 0,
        producer: 'test',
        pageSizeMm: context.template.page
      })
    ).bytes
    const findings = await checkPdf(pdf, await checked())
    expect(findings.map((finding) => finding.ruleId)).toEqual(Array(5).fill('toc-page-mismatch'))
    expect(findings[0]?.reason).toMatch(/目录 says “一、要聚焦.*” is on page 3, but it is on page 2/)
  })
})

describe('watch', () => {
  it('rebuilds once when a text changes, and tells the preview to reload', async () => {
    const builds: number[] = []
    const watcher = await watchProject({projectRoot: project, outDir: 'watched', formats: ['html'], port: 0, onBuild: (result) => builds.push(result.documents.filter((document) => !document.skipped).length)})
    try {
      await watcher.ready
      expect(builds).toEqual([3])
      const events = await fetch(`${watcher.url}__paiban/events`)
      const reader = events.body?.getReader()
      await reader?.read()
      await writeFile(path.join(project, 'source/b.md'), small('第二份材料', '正文乙，在看着的时候改了。'))
      const message = await reader?.read()
      expect(new TextDecoder().decode(message?.value)).toContain('rebuilt')
      expect(builds).toEqual([3, 1])
      const page = await (await fetch(`${watcher.url}b.html`)).text()
      expect(page).toContain('在看着的时候改了')
      expect(page).toContain('EventSource')
      await reader?.cancel()
    } finally {
      await watcher.close()
    }
  })
})
