import {copyFile, mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {existsSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {buildBook, type BuildEvent} from '../../src/build.js'
import {all, child, first, paragraphStyle, styleById, textOf, unpackDocx, type UnpackedDocx} from '../helpers/docx.js'
import {comparePagination, libreOfficePdfs, withLinesOnlyGrid, type PaginationMatch} from '../helpers/pagination.js'
import {pdfFonts, pdfInfo, pdfText, squash} from '../helpers/pdf.js'
import {pdfLines, type TextLine} from '../helpers/pdf-lines.js'
import {projectRoot} from '../helpers/template.js'
import {tool} from '../helpers/tools.js'

/**
 * GB/T 9704-2012 checked with a ruler, as an office would: the seed and a
 * notice built with `gongwen` in one run (one browser), measured in the PDF
 * with pdftotext's boxes, and the Word copy read from its XML and laid out
 * by LibreOffice (one run for both files).
 */
const page = {widthMm: 210, heightMm: 297, topMm: 37, bottomMm: 262, insideMm: 28, outsideMm: 26}
/** One character of the 三号 grid: 156 mm / 28. */
const cellMm = 156 / 28
/** The grid's line pitch: (225 mm − 1.2 × 16 pt) / 21. */
const pitchMm = (225 - (1.2 * 16 * 25.4) / 72) / 21
/** One character of the 四号 page number. */
const numberCharMm = (14 * 25.4) / 72

let out: string
const warnings: string[] = []
let seed: {pdf: string; docx: UnpackedDocx; lines: TextLine[][]}
let notice: {pdf: string; docx: UnpackedDocx; lines: TextLine[][]}
let pagination: {shipped: PaginationMatch; linesOnly: PaginationMatch}

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'paiban-gongwen-'))
  const sources = path.join(out, 'source')
  await mkdir(sources)
  await copyFile(path.join(projectRoot, 'source/zhuti-jiaoyu.md'), path.join(sources, 'zhuti-jiaoyu.md'))
  await copyFile(path.join(projectRoot, 'test/fixtures/gongwen/tongzhi.md'), path.join(sources, 'tongzhi.md'))
  const result = await buildBook({
    inputs: [path.join(sources, 'zhuti-jiaoyu.md'), path.join(sources, 'tongzhi.md')],
    outDir: out,
    projectRoot: out,
    template: 'gongwen',
    force: true,
    onEvent: (event: BuildEvent) => {
      if (event.type === 'warning') warnings.push(event.message)
    }
  })
  expect(result.failed, String(result.documents.find((document) => document.error)?.error)).toBe(0)
  const read = async (name: string) => ({
    pdf: path.join(out, `${name}.pdf`),
    docx: await unpackDocx(await readFile(path.join(out, `${name}.docx`))),
    lines: await pdfLines(path.join(out, `${name}.pdf`))
  })
  seed = await read('zhuti-jiaoyu')
  notice = await read('tongzhi')
  // LibreOffice lays the seed's Word copy out as shipped, and with a grid of lines only (docs/word.md).
  const variant = await withLinesOnlyGrid(path.join(out, 'zhuti-jiaoyu.docx'), path.join(out, 'zhuti-jiaoyu-lines.docx'))
  const [shipped, linesOnly] = await libreOfficePdfs([path.join(out, 'zhuti-jiaoyu.docx'), variant], path.join(out, 'lo'))
  pagination = {shipped: await comparePagination(seed.pdf, shipped ?? ''), linesOnly: await comparePagination(seed.pdf, linesOnly ?? '')}
})

/** Body lines of a page: above the page number. */
function bodyLines(lines: TextLine[]): TextLine[] {
  return lines.filter((line) => line.yMax < page.bottomMm + 3)
}

/** Left and right edges of the type area on physical page `index` (0-based): the binding side alternates. */
function typeArea(index: number): {left: number; right: number} {
  const odd = index % 2 === 0
  const left = odd ? page.insideMm : page.outsideMm
  return {left, right: left + 156}
}

describe('the 公文 PDF (GB/T 9704-2012)', () => {
  it('is A4 on every page', async () => {
    const info = await pdfInfo(seed.pdf)
    expect(info['Page size']).toMatch(/^595\.2\d* x 841\.8\d* pts/)
  })

  it('fills full pages with 22 lines whose text block lies within 1 mm of the 156 × 225 mm type area', () => {
    const full = seed.lines.map(bodyLines).filter((lines) => lines.length === 22)
    expect(full.length, 'pages with 22 body lines').toBeGreaterThanOrEqual(2)
    for (const lines of seed.lines.map(bodyLines)) expect(lines.length).toBeLessThanOrEqual(22)
    seed.lines.forEach((all, index) => {
      const lines = bodyLines(all)
      if (lines.length !== 22) return
      const {left, right} = typeArea(index)
      expect(Math.abs((lines[0]?.yMin ?? 0) - page.topMm), `top, page ${index + 1}`).toBeLessThanOrEqual(1)
      expect(Math.abs((lines.at(-1)?.yMax ?? 0) - page.bottomMm), `foot, page ${index + 1}`).toBeLessThanOrEqual(1)
      expect(Math.abs(Math.min(...lines.map((line) => line.xMin)) - left), `left, page ${index + 1}`).toBeLessThanOrEqual(1)
      expect(Math.abs(Math.max(...lines.map((line) => line.xMax)) - right), `right, page ${index + 1}`).toBeLessThanOrEqual(1)
      // Every line one pitch (29.46 pt) below the last; a line in another face (楷体) has a box of other height.
      const steps = lines.slice(1).map((line, at) => (line.yMin + line.yMax) / 2 - ((lines[at]?.yMin ?? 0) + (lines[at]?.yMax ?? 0)) / 2)
      for (const step of steps) expect(Math.abs(step - pitchMm), `line pitch, page ${index + 1}`).toBeLessThan(1)
    })
  })

  it('sets 28 characters on a full line of Han text, each one cell of 156 / 28 mm', () => {
    const han = /^[\p{Script=Han}，。、；：！？“”‘’（）《》〔〕]+$/u
    const full = seed.lines.flatMap((lines, index) =>
      bodyLines(lines).filter((line) => han.test(line.text) && Math.abs(line.xMin - typeArea(index).left) < 0.5 && Math.abs(line.xMax - typeArea(index).right) < 1)
    )
    expect(full.length).toBeGreaterThan(20)
    const counts = full.map((line) => [...line.text].length)
    // Lines that could not end on a character (避头尾) hold fewer and are justified; none holds more.
    expect(Math.max(...counts)).toBe(28)
    expect(counts.filter((count) => count === 28).length / counts.length).toBeGreaterThan(0.7)
    // A paragraph's first line starts 2 cells in.
    // (The title and subtitle, centred, start further in.)
    const indents = seed.lines.flatMap((lines, index) => bodyLines(lines).map((line) => line.xMin - typeArea(index).left)).filter((indent) => indent > 1 && indent < 3 * cellMm)
    expect(indents.length).toBeGreaterThan(10)
    for (const indent of indents) expect(Math.abs(indent - 2 * cellMm)).toBeLessThan(0.3)
  })

  it('numbers pages "— n —" 7 mm below the type area, odd pages right and even pages left, one character in', () => {
    seed.lines.forEach((lines, index) => {
      const number = lines.find((line) => line.yMin > page.bottomMm)
      expect(number?.text, `page ${index + 1}`).toBe(`—${index + 1}—`)
      if (!number) return
      const middle = (number.yMin + number.yMax) / 2
      expect(Math.abs(middle - page.bottomMm - 7), `7 mm below, page ${index + 1}`).toBeLessThanOrEqual(1)
      const {left, right} = typeArea(index)
      if (index % 2 === 0) expect(Math.abs(right - number.xMax - numberCharMm), `odd page ${index + 1}`).toBeLessThanOrEqual(1)
      else expect(Math.abs(number.xMin - left - numberCharMm), `even page ${index + 1}`).toBeLessThanOrEqual(1)
    })
  })

  it('embeds TrueType-outline subsets of the declared substitutes, none Type 3, and says which it substituted', async () => {
    const fonts = await pdfFonts(seed.pdf)
    for (const font of fonts) expect([font.type, font.embedded], font.name).toEqual(['CID TrueType', true])
    const names = fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, ''))
    // 仿宋 → Noto Serif SC Light, 小标宋 → Noto Serif SC Black, 黑体 → Noto Sans SC, 楷体 → LXGW WenKai, page numbers in 宋体 → Noto Serif SC.
    for (const face of [/NotoSerifSC.*-Light$/, /NotoSerifSC.*-Black$/, /NotoSansSC.*-Regular$/, /LXGWWenKai/, /NotoSerifSC.*-Regular$/]) {
      expect(names.some((name) => face.test(name)), String(face)).toBe(true)
    }
    // One warning per substituted font, per document.
    expect(warnings.filter((warning) => /FangSong_GB2312 is not available.*the substitute Noto Serif SC/.test(warning))).toHaveLength(2)
    expect(warnings.filter((warning) => /KaiTi_GB2312 is not available.*the substitute LXGW WenKai/.test(warning))).toHaveLength(2)
    expect(warnings.filter((warning) => /FZXBSJW is not available.*the substitute Noto Serif SC.*方正小标宋简体/.test(warning))).toHaveLength(2)
  })

  it('centres the title and breaks a long one into even lines', () => {
    const [first, second] = notice.lines[0] ?? []
    expect(first && second).toBeTruthy()
    const centre = (line: TextLine | undefined) => ((line?.xMin ?? 0) + (line?.xMax ?? 0)) / 2
    expect(Math.abs(centre(first) - (page.insideMm + 78))).toBeLessThanOrEqual(1.5)
    expect(Math.abs([...(first?.text ?? '')].length - [...(second?.text ?? '')].length)).toBeLessThanOrEqual(2)
  })

  it('runs （一） and 1. headings into their paragraphs and sets the 公文 elements', async () => {
    const text = squash(await pdfText(notice.pdf))
    for (const runIn of ['（一）编排规范。重点检查', '（二）印制质量。重点检查', '1.自查阶段。各单位', '2.抽查阶段。市机关']) expect(text).toContain(runIn)
    const lines = notice.lines.flat()
    const addressee = lines.find((line) => line.text === '各处室、直属单位：')
    expect(addressee && Math.abs(addressee.xMin - page.insideMm)).toBeLessThanOrEqual(0.5)
    const date = lines.find((line) => line.text === '2026年3月25日')
    expect(date).toBeDefined()
  })
})

describe('the 公文 Word copy', () => {
  it('has the same page, margins and a 22 × 28 grid in every section, footers odd-right/even-left with PAGE', async () => {
    const document = await seed.docx.xml('word/document.xml')
    const sections = all(document, 'w:sectPr')
    for (const section of sections) {
      expect(child(section, 'w:pgSz')?.attributes).toMatchObject({'w:w': '11906', 'w:h': '16838'})
      expect(child(section, 'w:pgMar')?.attributes).toMatchObject({'w:top': '2098', 'w:bottom': '1984', 'w:left': '1587', 'w:right': '1474'})
      expect(child(section, 'w:docGrid')?.attributes).toEqual({'w:type': 'linesAndChars', 'w:linePitch': '579', 'w:charSpace': '-848'})
    }
    // The footers are written once, in the first section; the others link to them (Word's Link to Previous).
    const footerTypes = sections.map((section) => all(section, 'w:footerReference').map((reference) => reference.attributes['w:type']).sort())
    expect(footerTypes).toEqual(sections.map((_section, index) => (index === 0 ? ['default', 'even'] : [])))
    const settings = await seed.docx.text('word/settings.xml')
    expect(settings).toContain('<w:evenAndOddHeaders/>')
    expect(settings).toContain('<w:mirrorMargins/>')
    const styles = await seed.docx.xml('word/styles.xml')
    expect(first(styleById(styles, 'Footer'), 'w:jc')?.attributes['w:val']).toBe('right')
    expect(first(styleById(styles, 'FooterEven'), 'w:jc')?.attributes['w:val']).toBe('left')
    const footers = seed.docx.parts.filter((part) => /^word\/footer\d+\.xml$/.test(part))
    const texts = await Promise.all(footers.map((part) => seed.docx.text(part)))
    expect(texts.filter((xml) => /PAGE/.test(xml) && xml.includes('— ')).length).toBeGreaterThanOrEqual(2)
  })

  it('names the fonts offices have and opens with the title in 方正小标宋简体', async () => {
    const styles = await seed.docx.xml('word/styles.xml')
    const eastAsia = (id: string) => first(styleById(styles, id), 'w:rFonts')?.attributes['w:eastAsia']
    expect([eastAsia('Normal'), eastAsia('Heading1'), eastAsia('Heading2'), eastAsia('Title'), eastAsia('Footer')]).toEqual(['仿宋_GB2312', '黑体', '楷体_GB2312', '方正小标宋简体', '宋体'])
    const document = await seed.docx.xml('word/document.xml')
    const [title] = all(document, 'w:p')
    expect(title && [paragraphStyle(title), textOf(title)]).toEqual(['Title', '主题教育的五个具体目标'])
    const noticeStyles = all(await notice.docx.xml('word/document.xml'), 'w:p').map(paragraphStyle)
    for (const style of ['OfficialAddressee', 'OfficialAttachments', 'OfficialSignature', 'OfficialDate']) expect(noticeStyles).toContain(style)
  })

  it('validates part by part against the WordprocessingML schemas', async () => {
    const schema = path.resolve(projectRoot, process.env['PAIBAN_OOXML_SCHEMAS'] ?? '../shared/ooxml-schemas', 'microsoft/wml-2010.xsd')
    expect(existsSync(schema)).toBe(true)
    for (const docx of [seed.docx, notice.docx]) {
      for (const part of docx.parts.filter((name) => /^word\/[^/]+\.xml$/.test(name))) {
        const xml = (await docx.text(part)).replace(/ mc:Ignorable="[^"]*"/, '').replace(/ w15:restartNumberingAfterBreak="[^"]*"/g, '')
        const file = path.join(out, `check-${path.basename(part)}`)
        await writeFile(file, xml)
        await expect(tool('xmllint', ['--noout', '--schema', schema, file]), part).resolves.toBeDefined()
      }
    }
  })

  it('paginates like the PDF in LibreOffice once its square grid cells are set aside', () => {
    const report = (match: PaginationMatch) => `${match.same} of ${match.compared}`
    console.log(`gongwen: headings on the same page as in the PDF, LibreOffice: ${report(pagination.shipped)} as shipped, ${report(pagination.linesOnly)} with a grid of lines only`)
    expect(pagination.linesOnly.compared).toBe(5)
    expect(pagination.linesOnly.same).toBe(pagination.linesOnly.compared)
  })
})
