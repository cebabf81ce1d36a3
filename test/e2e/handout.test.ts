import {mkdtemp, readFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {toString} from 'mdast-util-to-string'
import {beforeAll, describe, expect, it} from 'vitest'
import {buildBook} from '../../src/build.js'
import {parseDocument, type ParsedDocument} from '../../src/model/parse.js'
import {all, child, paragraphStyle, textOf, unpackDocx, type UnpackedDocx} from '../helpers/docx.js'
import {comparePagination, libreOfficePdfs, type PaginationMatch} from '../helpers/pagination.js'
import {pageCount, pdfFonts, pdfInfo, pdfText, squash} from '../helpers/pdf.js'
import {pdfLines, type TextLine} from '../helpers/pdf-lines.js'
import {projectRoot} from '../helpers/template.js'

/** The seed as a meeting handout: A4, one side, no cover or 目录, numbers centred. */
const source = path.join(projectRoot, 'source/zhuti-jiaoyu.md')
let out: string
let pdf: string
let document: ParsedDocument
let lines: TextLine[][]
let docx: UnpackedDocx
let pagination: PaginationMatch

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'paiban-handout-'))
  const result = await buildBook({inputs: [source], outDir: out, projectRoot, template: 'handout', force: true})
  expect(result.failed, String(result.documents[0]?.error)).toBe(0)
  pdf = path.join(out, 'zhuti-jiaoyu.pdf')
  document = parseDocument(await readFile(source, 'utf8'), 'source/zhuti-jiaoyu.md')
  lines = await pdfLines(pdf)
  docx = await unpackDocx(await readFile(path.join(out, 'zhuti-jiaoyu.docx')))
  const [wordPdf] = await libreOfficePdfs([path.join(out, 'zhuti-jiaoyu.docx')], path.join(out, 'lo'))
  pagination = await comparePagination(pdf, wordPdf ?? '')
})

describe('the handout PDF', () => {
  it('is A4, opens with the title on page 1 and runs its sections on', async () => {
    expect((await pdfInfo(pdf))['Page size']).toMatch(/^595\.2\d* x 841\.8\d* pts/)
    expect(squash(lines[0]?.[0]?.text ?? '')).toBe(document.meta.title)
    // Five sections, each not on a page of its own.
    expect(await pageCount(pdf)).toBeLessThan(document.outline.length)
  })

  it('keeps the binding margin on the left of every page (one-sided) and numbers pages centred below the text', () => {
    lines.forEach((page, index) => {
      const body = page.filter((line) => line.yMax < 297 - 25 + 1)
      expect(Math.abs(Math.min(...body.map((line) => line.xMin)) - 27), `left margin, page ${index + 1}`).toBeLessThanOrEqual(1)
      const number = page.find((line) => line.yMin > 297 - 25)
      expect(number?.text).toBe(`—${index + 1}—`)
      expect(Math.abs(((number?.xMin ?? 0) + (number?.xMax ?? 0)) / 2 - (27 + 80)), `centred, page ${index + 1}`).toBeLessThanOrEqual(1)
      expect(Math.abs(((number?.yMin ?? 0) + (number?.yMax ?? 0)) / 2 - (297 - 25 + 10)), `10 mm below, page ${index + 1}`).toBeLessThanOrEqual(1)
    })
  })

  it('embeds its fonts as TrueType-outline subsets and holds every character of the source in order', async () => {
    for (const font of await pdfFonts(pdf)) expect([font.type, font.embedded], font.name).toEqual(['CID TrueType', true])
    const text = squash((await pdfText(pdf)).replace(/—\s*\d+\s*—/g, ''))
    expect(text).toBe(squash(document.meta.title + (document.meta.subtitle ?? '') + document.tree.children.map((node) => toString(node)).join('')))
  })
})

describe('the handout Word copy', () => {
  it('has A4 sections with the handout margins, no grid, one footer for all pages, no mirroring', async () => {
    const xml = await docx.xml('word/document.xml')
    const sections = all(xml, 'w:sectPr')
    expect(sections.length).toBe(document.outline.length + 1)
    for (const section of sections) {
      expect(child(section, 'w:pgSz')?.attributes).toMatchObject({'w:w': '11906', 'w:h': '16838'})
      expect(child(section, 'w:pgMar')?.attributes).toMatchObject({'w:top': '1417', 'w:bottom': '1417', 'w:left': '1531', 'w:right': '1304'})
      // docx writes its default grid (no type: none), never linesAndChars here.
      expect(child(section, 'w:docGrid')?.attributes['w:type']).toBeUndefined()
    }
    // One footer, referred to by the first section; the others link to it (Word's Link to Previous).
    const footerTypes = sections.map((section) => all(section, 'w:footerReference').map((reference) => reference.attributes['w:type']))
    expect(footerTypes).toEqual(sections.map((_section, index) => (index === 0 ? ['default'] : [])))
    expect(sections.slice(1).map((section) => child(section, 'w:type')?.attributes['w:val'])).toEqual(sections.slice(1).map(() => 'continuous'))
    const settings = await docx.text('word/settings.xml')
    expect(settings).not.toContain('mirrorMargins')
    expect(settings).not.toMatch(/<w:evenAndOddHeaders\/>|<w:evenAndOddHeaders w:val="(true|1)"/)
    const [title] = all(xml, 'w:p')
    expect(title && [paragraphStyle(title), textOf(title)]).toEqual(['Title', document.meta.title])
  })

  it('puts every heading on the same page as the PDF when LibreOffice lays it out', () => {
    console.log(`handout: headings on the same page as in the PDF, LibreOffice: ${pagination.same} of ${pagination.compared}`)
    expect(pagination.compared).toBe(document.outline.length)
    expect(pagination.same).toBe(pagination.compared)
  })
})
