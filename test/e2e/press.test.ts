import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {PDFDocument} from 'pdf-lib'
import {beforeAll, describe, expect, it} from 'vitest'
import {buildBook} from '../../src/build.js'
import {producePressOutputs, parsePressOptions, saddleOrder, creepShiftMm, imposeSaddle} from '../../src/press/index.js'
import {runCli, type CliResult} from '../helpers/cli.js'
import {pageCount, pdfFonts, pdfInfo, pdfOutline, pdfText, squash} from '../helpers/pdf.js'
import type {ParsedDocument} from '../../src/model/parse.js'
import {contextFor, projectRoot} from '../helpers/template.js'
import {tool} from '../helpers/tools.js'

/**
 * The booklet's reading PDF, built once with its sections starting on
 * right-hand pages (`headings[0].startOn: right`), then turned into what a
 * print shop gets: the press PDF (bleed, crop marks, boxes), PDF/X-1a and X-3
 * through Ghostscript, and the saddle-stitched imposition, each read back
 * with poppler, qpdf and Ghostscript.
 */
const mm = 72 / 25.4
const trim = {width: 148 * mm, height: 210 * mm}
let out: string
let reading: string
let readingPages: string[]
let document: ParsedDocument
const files: Record<'press' | 'x1a' | 'x3' | 'imposed' | 'imposedPress' | 'creep', string> = {press: '', x1a: '', x3: '', imposed: '', imposedPress: '', creep: ''}
const notes: Record<string, string[]> = {}

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'paiban-press-'))
  const source = path.join(projectRoot, 'source/zhuti-jiaoyu.md')
  // The booklet template with recto starts.
  const template = path.join(out, 'recto-booklet')
  await mkdir(template)
  const yaml = await readFile(path.join(projectRoot, 'templates/booklet/template.yaml'), 'utf8')
  expect(yaml).toContain('pageBreakBefore: true,')
  await writeFile(path.join(template, 'template.yaml'), yaml.replace('pageBreakBefore: true,', 'pageBreakBefore: true, startOn: right,'))
  const result = await buildBook({inputs: [source], outDir: out, projectRoot, template, formats: ['pdf'], force: true})
  expect(result.failed, String(result.documents[0]?.error)).toBe(0)
  reading = path.join(out, 'zhuti-jiaoyu.pdf')
  const bytes = new Uint8Array(await readFile(reading))
  const count = await pageCount(reading)
  readingPages = await Promise.all(Array.from({length: count}, (_, index) => pdfText(reading, {page: index + 1})))
  const context = await contextFor(await readFile(source, 'utf8'))
  document = context.document

  const write = async (key: keyof typeof files, name: string, data: Uint8Array): Promise<void> => {
    files[key] = path.join(out, name)
    await writeFile(files[key], data)
  }
  const [press, imposedPress] = await producePressOutputs(bytes, context, parsePressOptions({press: true, impose: 'saddle'}))
  await write('press', 'press.pdf', press?.bytes ?? new Uint8Array())
  await write('imposedPress', 'imposed-press.pdf', imposedPress?.bytes ?? new Uint8Array())
  notes['imposedPress'] = imposedPress?.notes ?? []
  for (const version of ['x1a', 'x3'] as const) {
    const [converted] = await producePressOutputs(bytes, context, parsePressOptions({pdfx: version}))
    await write(version, `${version}.pdf`, converted?.bytes ?? new Uint8Array())
    notes[version] = converted?.notes ?? []
  }
  const [imposed] = await producePressOutputs(bytes, context, parsePressOptions({impose: 'saddle'}))
  await write('imposed', 'imposed.pdf', imposed?.bytes ?? new Uint8Array())
  notes['imposed'] = imposed?.notes ?? []
  await write('creep', 'creep.pdf', (await imposeSaddle(bytes, {creepMm: 1.2})).bytes)
})

describe('recto starts', () => {
  /** Physical index of body page 1: the first page whose foot reads “— 1 —”. */
  const bodyStart = (): number => readingPages.findIndex((text) => /—\s*1\s*—/.test(text))

  it('starts every section on a right-hand (odd) page, by the 目录 and by the bookmarks', async () => {
    const start = bodyStart()
    expect(start).toBeGreaterThan(0)
    const sections = document.outline.filter((entry) => entry.level === 1)
    const toc = readingPages.slice(0, start).join('\n').replace(/\n(?=\S)/g, '')
    const bookmarks = (await pdfOutline(reading)).flatMap((item) => [item, ...item.kids])
    for (const section of sections) {
      const number = Number(new RegExp(`${section.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*(\\d+)`).exec(toc)?.[1])
      expect(number % 2, `${section.text}: 目录 says ${number}`).toBe(1)
      // The page the 目录 names holds the heading, and its foot carries that number.
      const page = readingPages[start + number - 1] ?? ''
      expect(squash(page)).toContain(squash(section.text))
      expect(page).toMatch(new RegExp(`—\\s*${number}\\s*—`))
      const bookmark = bookmarks.find((item) => squash(item.title) === squash(section.text))
      expect(bookmark?.page, section.text).toBe(start + number)
    }
  })

  it('inserts blank pages with neither running head nor number, and counts them', () => {
    const start = bodyStart()
    const body = readingPages.slice(start)
    const blanks = body.map((text, index) => ({text, number: index + 1})).filter((page) => page.text.trim() === '')
    expect(blanks.length).toBeGreaterThan(0)
    for (const blank of blanks) expect(blank.number % 2, `blank page ${blank.number}`).toBe(0)
    // Every other page is numbered by its place, blanks included.
    body.forEach((text, index) => {
      if (text.trim() !== '') expect(text, `body page ${index + 1}`).toMatch(new RegExp(`—\\s*${index + 1}\\s*—`))
    })
  })
})

type Box = [number, number, number, number]

/** `pdfinfo -box`: each page's boxes by name. */
async function boxes(file: string): Promise<Array<Record<string, Box>>> {
  const text = await tool('pdfinfo', ['-box', '-f', '1', '-l', String(await pageCount(file)), file])
  const pages: Array<Record<string, Box>> = []
  for (const [, page, name, ...values] of text.matchAll(/Page +(\d+) (MediaBox|CropBox|BleedBox|TrimBox|ArtBox): +(\S+) +(\S+) +(\S+) +(\S+)/g)) {
    const index = Number(page) - 1
    pages[index] ??= {}
    ;(pages[index] as Record<string, Box>)[name ?? ''] = values.map(Number) as Box
  }
  return pages
}

function expectBox(actual: Box | undefined, expected: Box): void {
  expect(actual).toBeDefined()
  actual?.forEach((value, index) => expect(Math.abs(value - (expected[index] ?? 0)), `${actual.join(' ')} vs ${expected.map((n) => n.toFixed(2)).join(' ')}`).toBeLessThan(0.1))
}

/** A `qpdf --qdf` copy: streams uncompressed, one object per block. */
async function qdf(file: string): Promise<string> {
  const copy = `${file}.qdf`
  await tool('qpdf', ['--qdf', '--object-streams=disable', file, copy])
  return (await readFile(copy)).toString('latin1')
}

interface Segment {
  x1: number
  y1: number
  x2: number
  y2: number
  width: number
}

/** The stroked lines of the registration-colour content streams (the marks), per stream. */
function markStreams(content: string): Segment[][] {
  const streams: Segment[][] = []
  for (const [, body] of content.matchAll(/stream\n(q\n\/PaibanRegistration CS 1 SCN[\s\S]*?)endstream/g)) {
    const width = Number(/([\d.]+) w/.exec(body ?? '')?.[1])
    streams.push([...(body ?? '').matchAll(/([\d.-]+) ([\d.-]+) m ([\d.-]+) ([\d.-]+) l S/g)].map((match) => ({
      x1: Number(match[1]), y1: Number(match[2]), x2: Number(match[3]), y2: Number(match[4]), width
    })))
  }
  return streams
}

/** Whether a segment stays out of the open rectangle (touching its edge is outside). */
function outside(segment: Segment, box: Box): boolean {
  const [left, bottom, right, top] = box
  const slack = 0.01
  return Math.max(segment.x1, segment.x2) <= left + slack || Math.min(segment.x1, segment.x2) >= right - slack ||
    Math.max(segment.y1, segment.y2) <= bottom + slack || Math.min(segment.y1, segment.y2) >= top - slack
}

const room = 10 * mm
const bleed = 3 * mm

describe('the press PDF', () => {
  it('has TrimBox = the nominal A5 trim, BleedBox = trim + 3 mm, MediaBox holding both with room for marks', async () => {
    const pages = await boxes(files.press)
    expect(pages.length).toBe(readingPages.length)
    for (const page of pages) {
      expectBox(page['TrimBox'], [room, room, room + trim.width, room + trim.height])
      expectBox(page['BleedBox'], [room - bleed, room - bleed, room + trim.width + bleed, room + trim.height + bleed])
      expectBox(page['MediaBox'], [0, 0, trim.width + 2 * room, trim.height + 2 * room])
    }
  })

  it('carries 8 crop marks per page, 0.25 pt, 5 mm long, 3 mm from the trim, outside the BleedBox', async () => {
    const content = await qdf(files.press)
    const streams = markStreams(content)
    expect(streams.length).toBe(readingPages.length)
    const bleedBox: Box = [room - bleed, room - bleed, room + trim.width + bleed, room + trim.height + bleed]
    for (const segments of streams) {
      expect(segments.length).toBe(8)
      for (const segment of segments) {
        expect(segment.width).toBe(0.25)
        expect(Math.hypot(segment.x2 - segment.x1, segment.y2 - segment.y1)).toBeCloseTo(5 * mm, 2)
        expect(outside(segment, bleedBox), JSON.stringify(segment)).toBe(true)
      }
    }
    // Registration colour: a Separation /All, so the marks print on every plate.
    expect(content).toMatch(/\/Separation\s+\/All\s+\/DeviceCMYK/)
  })

  it('holds the same text as the reading PDF, in the same fonts, none Type 3', async () => {
    expect(await pdfText(files.press)).toBe(await pdfText(reading))
    const fonts = await pdfFonts(files.press)
    expect(fonts.map((font) => font.name).sort()).toEqual((await pdfFonts(reading)).map((font) => font.name).sort())
    for (const font of fonts) {
      expect(font.type).toBe('CID TrueType')
      expect(font.embedded).toBe(true)
    }
  })
})

describe('PDF/X', () => {
  it.each([['x1a', 'PDF/X-1:2001'], ['x3', 'PDF/X-3:2002']] as const)('%s: labelled %s, with a CMYK output intent, PDF 1.3, Trapped False', async (version, label) => {
    const info = await pdfInfo(files[version])
    expect(info['PDF subtype']).toBe(label)
    expect(info['PDF version']).toBe('1.3')
    const content = await qdf(files[version])
    expect(content).toMatch(/\/OutputIntents \[/)
    expect(content).toMatch(/\/S \/GTS_PDFX/)
    expect(content).toMatch(/\/DestOutputProfile \d+ 0 R/)
    expect(content).toMatch(/\/Trapped \/False/)
    if (version === 'x1a') expect(content).toContain('/GTS_PDFXConformance (PDF/X-1a:2001)')
    expect(notes[version]?.join('\n')).toContain('give the printer’s profile')
  })

  it.each(['x1a', 'x3'] as const)('%s: no RGB operators, fonts embedded as CID TrueType, text identical', async (version) => {
    const content = await qdf(files[version])
    expect(content).not.toMatch(/(^|\s)[\d.]+ [\d.]+ [\d.]+ (rg|RG)\s/m)
    expect(content).not.toContain('/DeviceRGB')
    for (const font of await pdfFonts(files[version])) {
      expect(font.type, font.name).toBe('CID TrueType')
      expect(font.embedded, font.name).toBe(true)
    }
    // Ghostscript rewrites the fonts' metrics, so poppler groups lines a little differently:
    // read in content order (-raw), the text is the same character for character.
    const raw = async (file: string): Promise<string> => tool('pdftotext', ['-raw', file, '-'])
    expect(await raw(files[version])).toBe(await raw(reading))
  })

  it('gives the same bytes for the same input, Ghostscript’s file identifier included', async () => {
    const context = await contextFor(await readFile(path.join(projectRoot, 'source/zhuti-jiaoyu.md'), 'utf8'))
    const again = await producePressOutputs(new Uint8Array(await readFile(reading)), context, parsePressOptions({pdfx: 'x1a', impose: 'saddle'}))
    const first = await readFile(files.x1a)
    const second = Buffer.from(again[0]?.bytes ?? [])
    if (!second.equals(first)) {
      const at = second.findIndex((byte, index) => byte !== first[index])
      throw new Error(`differ at ${at} of ${first.length}/${second.length}: ${JSON.stringify(first.subarray(at - 60, at + 60).toString("latin1"))} vs ${JSON.stringify(second.subarray(at - 60, at + 60).toString("latin1"))}`)
    }
    expect(again[1]?.suffix).toBe('imposed.pdf')
  })

  it('keeps the press boxes through the conversion', async () => {
    for (const page of await boxes(files.x1a)) {
      expectBox(page['TrimBox'], [room, room, room + trim.width, room + trim.height])
      expectBox(page['BleedBox'], [room - bleed, room - bleed, room + trim.width + bleed, room + trim.height + bleed])
    }
  })

  it('prints black text on the K plate only (gs inkcov of a body page, inside the trim)', async () => {
    const body = readingPages.findIndex((text) => /—\s*1\s*—/.test(text)) + 1
    const ink = await tool('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dUseTrimBox', '-sDEVICE=inkcov', `-dFirstPage=${body}`, `-dLastPage=${body}`, '-o', '-', files.x1a])
    const [cyan, magenta, yellow, black] = ink.trim().split(/\s+/).slice(0, 4).map(Number)
    expect([cyan, magenta, yellow]).toEqual([0, 0, 0])
    expect(black).toBeGreaterThan(0.01)
  })
})

/** Text of the left or right half of a sheet side (1-based page), cropped by pdftotext at 72 dpi. */
async function halfText(file: string, page: number, half: 'left' | 'right', sheet: {width: number; height: number}): Promise<string> {
  const x = half === 'left' ? 0 : Math.floor(sheet.width / 2)
  return squash(await tool('pdftotext', ['-r', '72', '-f', String(page), '-l', String(page), '-x', String(x), '-y', '0', '-W', String(Math.ceil(sheet.width / 2)), '-H', String(Math.ceil(sheet.height)), file, '-']))
}

describe('the saddle-stitched imposition', () => {
  it('pads to a multiple of 4 and puts each page on its half-sheet in folding order, front and back', async () => {
    const count = readingPages.length
    const order = saddleOrder(count)
    const padded = Math.ceil(count / 4) * 4
    expect(await pageCount(files.imposed)).toBe(padded / 2)
    expect(notes['imposed']?.[0]).toBe(`${padded} pages on ${padded / 4} A4 sheets${padded > count ? `, ${padded - count} blank page${padded - count === 1 ? '' : 's'} added at the end` : ''}`)
    const sheet = {width: 297 * mm, height: 210 * mm}
    for (const [index, side] of order.entries()) {
      for (const half of ['left', 'right'] as const) {
        const page = side[half]
        const expected = page === undefined ? '' : squash(readingPages[page] ?? '')
        expect(await halfText(files.imposed, index + 1, half, sheet), `sheet ${side.sheet + 1} ${side.side} ${half}: page ${page === undefined ? 'blank' : page + 1}`).toBe(expected)
      }
    }
    const fonts = await pdfFonts(files.imposed)
    expect(fonts.every((font) => font.type === 'CID TrueType' && font.embedded)).toBe(true)
  })

  it('on an A3 sheet with --press: trim and bleed of the spread, crop and fold marks outside the bleed', async () => {
    const pages = await boxes(files.imposedPress)
    const sheet = {width: 420 * mm, height: 297 * mm}
    const spread: Box = [(sheet.width - 2 * trim.width) / 2, (sheet.height - trim.height) / 2, (sheet.width + 2 * trim.width) / 2, (sheet.height + trim.height) / 2]
    for (const page of pages) {
      expectBox(page['MediaBox'], [0, 0, sheet.width, sheet.height])
      expectBox(page['TrimBox'], spread)
      expectBox(page['BleedBox'], [spread[0] - bleed, spread[1] - bleed, spread[2] + bleed, spread[3] + bleed])
    }
    for (const segments of markStreams(await qdf(files.imposedPress))) {
      expect(segments.length).toBe(10)
      for (const segment of segments) expect(outside(segment, [spread[0] - bleed, spread[1] - bleed, spread[2] + bleed, spread[3] + bleed])).toBe(true)
      // Two fold marks on the spine.
      expect(segments.filter((segment) => Math.abs(segment.x1 - sheet.width / 2) < 0.01 && segment.x1 === segment.x2).length).toBe(2)
    }
  })

  it('moves inner sheets’ pages toward the spine by the creep, the outermost not at all', async () => {
    const content = await qdf(files.creep)
    const placements = [...content.matchAll(/1 0 0 1 ([\d.-]+) ([\d.-]+) cm \/P\d+ Do/g)].map((match) => Number(match[1]))
    const order = saddleOrder(readingPages.length)
    const sheets = order.length / 2
    const spine = (297 * mm) / 2
    // Blank halves, and pages with no content at all (the blank after the cover), place nothing.
    const source = await PDFDocument.load(await readFile(reading))
    const placed = (page: number | undefined): boolean => page !== undefined && source.getPage(page).node.Contents() !== undefined
    const expected: number[] = []
    for (const side of order) {
      const shift = creepShiftMm(side.sheet, sheets, 1.2) * mm
      if (placed(side.left)) expected.push(spine - trim.width + shift)
      if (placed(side.right)) expected.push(spine - shift)
    }
    expect(placements.length).toBe(expected.length)
    placements.forEach((value, index) => expect(value).toBeCloseTo(expected[index] ?? 0, 2))
    expect(creepShiftMm(sheets - 1, sheets, 1.2)).toBeCloseTo(1.2, 10)
  })
})

describe('paiban impose', () => {
  const run = (argv: string[]): Promise<CliResult> => runCli(argv)


  it('writes the imposed PDF and says how many blanks it added; warns past --max-pages', async () => {
    const target = path.join(out, 'cli-imposed.pdf')
    const result = await run(['impose', reading, '--saddle', '--sheet', 'A3', '--creep', '0.5', '--max-pages', '8', '-o', target])
    expect(result.code, result.err).toBe(0)
    expect(result.out).toMatch(/cli-imposed\.pdf {2}\d+ pages on \d+ A3 sheets/)
    expect(result.err).toMatch(/more than a saddle stitch holds \(8\)/)
    expect((await pdfInfo(target))['Page size']).toMatch(/1190\.55 x 841\.89/)
  })

  it('exits 2 without --saddle, or when the sheet cannot hold a spread with marks', async () => {
    expect((await run(['impose', reading, '-o', path.join(out, 'x.pdf')])).code).toBe(2)
    const tooSmall = await run(['impose', reading, '--saddle', '--sheet', 'A4', '--marks', 'crop', '-o', path.join(out, 'y.pdf')])
    expect(tooSmall.code).toBe(2)
    expect(tooSmall.err).toContain('more than A4 holds')
  })
})
