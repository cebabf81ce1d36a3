import {existsSync} from 'node:fs'
import {mkdtemp, readFile, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type {List, ListItem, Nodes, Root, Table} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {visit} from 'unist-util-visit'
import {beforeAll, describe, expect, it} from 'vitest'
import type {BuildContext} from '../../src/context.js'
import {parseDocument, type ParsedDocument} from '../../src/model/parse.js'
import {writeDocx} from '../../src/write/docx/index.js'
import {unpackDocx, type UnpackedDocx} from '../helpers/docx.js'
import {pdfInfo, pdfText, squash} from '../helpers/pdf.js'
import {builtInTemplate, projectRoot} from '../helpers/template.js'
import {tool} from '../helpers/tools.js'

/**
 * The Word copy of a rich fixture and of a seed-like text, built once and read
 * back by the tools a reader has: the OOXML schemas (xmllint), LibreOffice
 * (layout to PDF, then pdftotext) and pandoc (structure).
 */
const fixtures = path.join(projectRoot, 'test/fixtures/docx')
const names = ['rich', 'seed'] as const
type Name = (typeof names)[number]
/** The rich fixture uses every construct; the seed is the first booklet's source itself. */
const sources: Record<Name, string> = {
  rich: path.join(fixtures, 'rich.md'),
  seed: path.join(projectRoot, 'source/zhuti-jiaoyu.md')
}

const schemas = path.resolve(projectRoot, process.env['PAIBAN_OOXML_SCHEMAS'] ?? '../shared/ooxml-schemas')
const schema = path.join(schemas, 'microsoft/wml-2010.xsd')

interface Built {
  document: ParsedDocument
  bytes: Uint8Array
  again: Uint8Array
  docx: UnpackedDocx
  pdf: string
  pdfText: string
  pandoc: PandocBlock[]
}

const built = {} as Record<Name, Built>
let out: string

async function build(document: ParsedDocument): Promise<Uint8Array> {
  const template = await builtInTemplate()
  const context: BuildContext = {document, template, sourceDateEpoch: 1_709_251_200, projectRoot, sourceDirectory: fixtures}
  // Page numbers as the PDF would report them, so the 目录 is pre-filled.
  const tocPages = new Map(document.outline.map((entry, index) => [entry.id, index + 1]))
  return writeDocx(context, {tocPages})
}

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'paiban-docx-e2e-'))
  for (const name of names) {
    const file = sources[name]
    const document = parseDocument(await readFile(file, 'utf8'), file)
    const bytes = await build(document)
    const again = await build(parseDocument(await readFile(file, 'utf8'), file))
    await writeFile(path.join(out, `${name}.docx`), bytes)
    built[name] = {document, bytes, again, docx: await unpackDocx(bytes), pdf: path.join(out, `${name}.pdf`), pdfText: '', pandoc: []}
  }
  // One LibreOffice run for all files, with a fresh profile (a shared one locks).
  await tool(
    'soffice',
    [`-env:UserInstallation=file://${out}/lo-profile`, '--headless', '--convert-to', 'pdf', '--outdir', out, ...names.map((name) => path.join(out, `${name}.docx`))],
    {timeout: 240_000}
  )
  for (const name of names) {
    // Layout mode reads a table row by row, as it is printed.
    built[name].pdfText = await pdfText(built[name].pdf, {layout: true})
    const json = JSON.parse(await tool('pandoc', ['-f', 'docx', '-t', 'json', path.join(out, `${name}.docx`)])) as {blocks: PandocBlock[]}
    built[name].pandoc = json.blocks
  }
})

describe.each(names)('the Word copy of %s.md', (name) => {
  it('validates part by part against the WordprocessingML schemas', async () => {
    expect(existsSync(schema), `OOXML schemas not found at ${schemas}: set PAIBAN_OOXML_SCHEMAS`).toBe(true)
    const {docx} = built[name]
    const parts = docx.parts.filter((part) => /^word\/[^/]+\.xml$/.test(part))
    expect(parts).toContain('word/document.xml')
    for (const part of parts) {
      // The XSD knows no Markup Compatibility: drop mc:Ignorable, and the one attribute of an
      // ignorable namespace docx writes (w15:restartNumberingAfterBreak, a known false positive).
      const xml = (await docx.text(part)).replace(/ mc:Ignorable="[^"]*"/, '').replace(/ w15:restartNumberingAfterBreak="[^"]*"/g, '')
      const file = path.join(out, `${name}-${path.basename(part)}`)
      await writeFile(file, xml)
      await expect(tool('xmllint', ['--noout', '--schema', schema, file]), part).resolves.toBeDefined()
    }
  })

  it('is the same bytes when built twice', () => {
    expect(Buffer.compare(built[name].bytes, built[name].again)).toBe(0)
  })

  it('opens in LibreOffice as A5 pages', async () => {
    const info = await pdfInfo(built[name].pdf)
    const [width, height] = (info['Page size'] ?? '').split(/\s*x\s*|\s+pts/).map(Number)
    expect(width).toBeCloseTo((148 / 25.4) * 72, 0)
    expect(height).toBeCloseTo((210 / 25.4) * 72, 0)
  })

  it('sets every Han character of the text, in order', () => {
    const {document, pdfText: text} = built[name]
    const pdf = hanOf(squash(text))
    // Footnotes print at the foot of their page, not where they are defined: check them apart.
    const notes: Nodes[] = []
    const body: Root = {...document.tree, children: document.tree.children.filter((node) => (node.type === 'footnoteDefinition' ? (notes.push(node), false) : true))}
    // An image's alt text is a description, not printed text.
    for (const part of [body, ...notes]) {
      const source = hanOf(toString(part, {includeImageAlt: false}))
      expect(source.length).toBeGreaterThan(0)
      expect(missingFrom(pdf, source)).toBe('')
    }
  })

  it('reads back in pandoc with the same headings', () => {
    const {document, pandoc} = built[name]
    const headings = collect(pandoc, 'Header').map((block) => {
      const [level, , inlines] = block.c as [number, unknown, PandocInline[]]
      return [level, squash(collectText(inlines))]
    })
    expect(headings).toEqual(document.outline.map((entry) => [entry.level, squash(entry.text)]))
  })
})

describe('the rich Word copy in pandoc', () => {
  it('has the same list items, nested alike', () => {
    const {document, pandoc} = built.rich
    expect(pandocListItems(pandoc)).toEqual(mdastListItems(document.tree))
  })

  it('has the same table', () => {
    const {document, pandoc} = built.rich
    const tables: Table[] = []
    visit(document.tree, 'table', (table: Table) => {
      tables.push(table)
    })
    const expected = tables.map((table) => table.children.map((row) => row.children.map((cell) => squash(toString(cell)))))
    const actual = collect(pandoc, 'Table').map((table) => collect(table.c, 'Row').map((row) => collect(row.c, 'Cell').map((cell) => squash(collectText(cell)))))
    expect(actual).toEqual(expected)
  })

  it('has the footnote, the link and the image', () => {
    const {pandoc} = built.rich
    expect(collect(pandoc, 'Note')).toHaveLength(1)
    expect(collect(pandoc, 'Link').some((link) => JSON.stringify(link.c).includes('https://www.example.org/xuexi'))).toBe(true)
    expect(collect(pandoc, 'Image')).toHaveLength(1)
  })
})

/** Han characters (and the CJK compatibility/extension blocks) of a text. */
function hanOf(text: string): string {
  return [...text].filter((character) => /\p{Script=Han}/u.test(character)).join('')
}

/** The part of `needle` that is not a subsequence of `haystack` (empty when all of it is), with context. */
function missingFrom(haystack: string, needle: string): string {
  let at = 0
  for (let index = 0; index < needle.length; index++) {
    const found = haystack.indexOf(needle.charAt(index), at)
    if (found < 0) return `lost at ${index}: …${needle.slice(Math.max(0, index - 10), index)}[${needle.slice(index, index + 10)}]…`
    at = found + 1
  }
  return ''
}

interface PandocBlock {
  t: string
  c?: unknown
}
type PandocInline = PandocBlock

/** Every pandoc element of type `type` below `value`, depth first. Rows and cells are tuples, tagged by shape. */
function collect(value: unknown, type: string): PandocBlock[] {
  const found: PandocBlock[] = []
  const walk = (node: unknown): void => {
    if (!Array.isArray(node) && (typeof node !== 'object' || node === null)) return
    if (!Array.isArray(node) && 't' in node) {
      const element = node as PandocBlock
      if (element.t === type) found.push(element)
      walk(element.c)
      return
    }
    if (Array.isArray(node)) {
      // pandoc ≥ 2.10: Row = [Attr, [Cell]], Cell = [Attr, Alignment, RowSpan, ColSpan, [Block]].
      if (isRow(node) && type === 'Row') found.push({t: 'Row', c: node[1]})
      if (isCell(node) && type === 'Cell') found.push({t: 'Cell', c: node[4]})
      for (const item of node) walk(item)
    }
  }
  walk(value)
  return found
}

function isAttr(value: unknown): boolean {
  return Array.isArray(value) && value.length === 3 && typeof value[0] === 'string' && Array.isArray(value[1]) && Array.isArray(value[2])
}

function isRow(node: unknown[]): boolean {
  return node.length === 2 && isAttr(node[0]) && Array.isArray(node[1]) && node[1].length > 0 && node[1].every((cell) => Array.isArray(cell) && isCell(cell))
}

function isCell(node: unknown[]): boolean {
  return node.length === 5 && isAttr(node[0]) && typeof node[2] === 'number' && typeof node[3] === 'number' && Array.isArray(node[4])
}

/** The text of pandoc content: Str values, Space as a space, Code as its text. */
function collectText(value: unknown): string {
  if (Array.isArray(value)) return value.map(collectText).join('')
  if (typeof value !== 'object' || value === null || !('t' in value)) return ''
  const element = value as PandocBlock
  if (element.t === 'Str') return String(element.c)
  if (element.t === 'Space' || element.t === 'SoftBreak' || element.t === 'LineBreak') return ' '
  if (element.t === 'Code') return String((element.c as [unknown, string])[1])
  if (element.t === 'Link' || element.t === 'Image') return collectText((element.c as unknown[])[1])
  if (element.t === 'Note') return ''
  return collectText(element.c)
}

/** Each list item's first block text, with its depth, in document order. */
function pandocListItems(blocks: PandocBlock[], depth = 0): Array<[number, string]> {
  const items: Array<[number, string]> = []
  for (const block of blocks) {
    if (block.t !== 'BulletList' && block.t !== 'OrderedList') continue
    const entries = (block.t === 'OrderedList' ? (block.c as [unknown, PandocBlock[][]])[1] : (block.c as PandocBlock[][]))
    for (const item of entries) {
      const [firstBlock, ...rest] = item
      items.push([depth, squash(collectText(firstBlock))])
      items.push(...pandocListItems(rest, depth + 1))
    }
  }
  return items
}

function mdastListItems(tree: Root): Array<[number, string]> {
  const items: Array<[number, string]> = []
  const walk = (list: List, depth: number): void => {
    for (const item of list.children as ListItem[]) {
      const [firstChild, ...rest] = item.children
      items.push([depth, squash(firstChild ? toString(firstChild) : '')])
      for (const child of rest) if (child.type === 'list') walk(child, depth + 1)
    }
  }
  for (const node of tree.children) if (node.type === 'list') walk(node, 0)
  return items
}
