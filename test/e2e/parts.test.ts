import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, type PDFObject} from 'pdf-lib'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {repeatedSeed} from '../../src/bench/cases.js'
import {buildBook} from '../../src/build.js'
import {documentObjects} from '../../src/pdf/objects.js'
import {launchBrowser, type BrowserSession} from '../../src/write/pdf/browser.js'
import {readBookmarks} from '../../src/write/pdf/outline.js'
import {pdfFonts, pdfInfo} from '../helpers/pdf.js'
import {pdfLines} from '../helpers/pdf-lines.js'
import {projectRoot} from '../helpers/template.js'
import {tool} from '../helpers/tools.js'

/**
 * A long body printed in two parts at once (write/pdf/parts.ts) must give the
 * PDF the whole body gives: the same text in the same places, numbers and
 * running heads included, the same bookmarks and tags.
 */
let session: BrowserSession
let whole: string
let parts: string

/** Build `markdown` into a project of its own with PAIBAN_PRINT_IN_PARTS=`mode`; the PDF's path. */
async function build(mode: 'always' | 'never', markdown: string): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), `paiban-parts-${mode}-`))
  await mkdir(path.join(folder, 'source'))
  await writeFile(path.join(folder, 'source', 'long.md'), markdown)
  const before = process.env['PAIBAN_PRINT_IN_PARTS']
  process.env['PAIBAN_PRINT_IN_PARTS'] = mode
  try {
    // The preflight runs too: the parts' text, numbers and 目录 must pass it.
    const result = await buildBook({projectRoot: folder, outDir: 'out', formats: ['pdf'], force: true, browser: session})
    expect(result.failed, String(result.documents[0]?.error)).toBe(0)
  } finally {
    if (before === undefined) delete process.env['PAIBAN_PRINT_IN_PARTS']
    else process.env['PAIBAN_PRINT_IN_PARTS'] = before
  }
  return path.join(folder, 'out', 'long.pdf')
}

/** Each page's words with their boxes, as pdftotext reads them (points). */
async function words(file: string): Promise<Array<Array<{text: string; box: number[]}>>> {
  const xml = await tool('pdftotext', ['-bbox', file, '-'])
  return xml
    .split('<page ')
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((match) => ({
        text: match[5] ?? '',
        box: [1, 2, 3, 4].map((group) => Number(match[group]))
      }))
    )
}

async function parsed(file: string): Promise<PDFDocument> {
  return PDFDocument.load(await readFile(file), {updateMetadata: false})
}

beforeAll(async () => {
  session = await launchBrowser()
  // Fifteen sections, some of two pages: the cut falls somewhere inside, on a left or right page.
  const markdown = await repeatedSeed(path.join(projectRoot, 'source/zhuti-jiaoyu.md'), 3)
  whole = await build('never', markdown)
  parts = await build('always', markdown)
}, 120_000)

afterAll(async () => {
  await session.close()
})

describe('a body printed in two parts', () => {
  it('was printed in parts: its later pages carry furniture laid over them', async () => {
    const pdf = await parsed(parts)
    const withFurniture = pdf.getPages().filter((page) => {
      const xObjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict)
      return xObjects?.keys().some((key) => key.asString().startsWith('/PaibanFurniture')) ?? false
    })
    expect(withFurniture.length).toBeGreaterThan(5)
    // And the whole body's print has none.
    const wholePdf = await parsed(whole)
    expect(wholePdf.getPages().every((page) => !page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict)?.keys().some((key) => key.asString().startsWith('/PaibanFurniture')))).toBe(true)
  })

  it('sets every word where the whole body sets it, to 0.05 pt, page numbers and running heads included', async () => {
    const [a, b] = await Promise.all([words(whole), words(parts)])
    expect(b.length).toBe(a.length)
    a.forEach((page, index) => {
      const other = b[index] ?? []
      expect(other.map((word) => word.text), `page ${index + 1}`).toEqual(page.map((word) => word.text))
      page.forEach((word, at) => {
        const box = other[at]?.box ?? []
        word.box.forEach((value, side) => expect(Math.abs(value - (box[side] ?? Infinity)), `page ${index + 1}, “${word.text}”`).toBeLessThan(0.05))
      })
    })
    // The page numbers run on across the cut: body page n prints “— n —”.
    const lines = await pdfLines(parts)
    const numbers = lines.flatMap((page) => page.map((line) => /^—(\d+)—$/.exec(line.text.replace(/\s/g, ''))?.[1]).filter(Boolean)).map(Number)
    expect(numbers).toEqual(numbers.map((_, index) => index + 1))
  })

  it('keeps the bookmarks, each pointing where the whole body’s does', async () => {
    const [a, b] = await Promise.all([parsed(whole), parsed(parts)])
    const marks = (pdf: PDFDocument) => readBookmarks(documentObjects(pdf)).map(({title, depth, pageIndex, top}) => ({title, depth, pageIndex, top: Math.round((top ?? 0) * 10)}))
    expect(marks(b)).toEqual(marks(a))
    expect(marks(b).length).toBeGreaterThan(15)
  })

  it('is tagged, its tags those of the whole body, and embeds its fonts as TrueType', async () => {
    const [a, b] = await Promise.all([parsed(whole), parsed(parts)])
    const tags = (pdf: PDFDocument): Record<string, number> => {
      const counts: Record<string, number> = {}
      const visit = (value: PDFObject | undefined): void => {
        const object = value instanceof PDFRef ? pdf.context.lookup(value) : value
        if (object instanceof PDFDict) {
          const type = object.get(PDFName.of('S'))
          if (type instanceof PDFName) counts[type.asString()] = (counts[type.asString()] ?? 0) + 1
          visit(object.get(PDFName.of('K')))
        } else if (object instanceof PDFArray) {
          for (const item of object.asArray()) visit(item)
        }
      }
      visit(pdf.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict).get(PDFName.of('K')))
      return counts
    }
    const wholeTags = tags(a)
    const partsTags = tags(b)
    // Headings, paragraphs and their lead sentences alike; Chromium's grouping elements may differ by one.
    for (const type of ['/Document', '/H1', '/H2', '/P', '/Strong']) expect(partsTags[type], type).toBe(wholeTags[type])
    expect((await pdfInfo(parts))['Tagged']).toBe('yes')
    const fonts = await pdfFonts(parts)
    expect(fonts.length).toBeGreaterThan(0)
    expect(fonts.every((font) => font.embedded && font.type.includes('TrueType'))).toBe(true)
  })
})
