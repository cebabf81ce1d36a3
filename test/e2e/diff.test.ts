import {existsSync} from 'node:fs'
import {mkdtemp, readFile, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {buildRedline} from '../../src/diff/index.js'
import {all, child, textOf, unpackDocx, type UnpackedDocx, type XmlElement} from '../helpers/docx.js'
import {projectRoot} from '../helpers/template.js'
import {tool} from '../helpers/tools.js'

/**
 * The redline of a real text (the first booklet's source, with a list, a
 * table and a note added) against an edited copy: a one-character
 * correction, a deleted and an inserted paragraph, a heading and a lead
 * sentence corrected, list, table and note edited. Built once, read back
 * by the OOXML schemas, pandoc (accept and reject) and LibreOffice.
 */
const fixtures = path.join(projectRoot, 'test/fixtures/diff')
const older = path.join(fixtures, 'old.md')
const newer = path.join(fixtures, 'new.md')
const author = '审校组 张三'
const date = '2024-03-01T08:00:00Z'

const schemas = path.resolve(projectRoot, process.env['PAIBAN_OOXML_SCHEMAS'] ?? '../shared/ooxml-schemas')
const schema = path.join(schemas, 'microsoft/wml-2010.xsd')

let out: string
let redline: UnpackedDocx
let body: XmlElement
let fodt: string
const files = {redline: '', sameNew: '', sameOld: ''}

async function build(before: string, after: string, file: string): Promise<string> {
  const target = path.join(out, file)
  await buildRedline({before: {file: before}, after: {file: after}, outputs: [{format: 'docx', file: target}], author, date, projectRoot})
  return target
}

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'paiban-diff-e2e-'))
  files.redline = await build(older, newer, 'redline.docx')
  // What Accept All and Reject All should give: each version against itself (no revision at all).
  files.sameNew = await build(newer, newer, 'same-new.docx')
  files.sameOld = await build(older, older, 'same-old.docx')
  redline = await unpackDocx(await readFile(files.redline))
  body = await redline.xml('word/document.xml')
  // One LibreOffice run, with a profile of its own.
  await tool('soffice', [`-env:UserInstallation=file://${out}/lo-profile`, '--headless', '--convert-to', 'fodt', '--outdir', out, files.redline], {timeout: 240_000})
  fodt = await readFile(path.join(out, 'redline.fodt'), 'utf8')
})

/** Every tracked change (`w:ins`/`w:del` as a run wrapper or a mark) in the parts that hold text. */
async function revisions(docx: UnpackedDocx): Promise<XmlElement[]> {
  const found: XmlElement[] = []
  for (const part of ['word/document.xml', 'word/footnotes.xml']) {
    if (docx.parts.includes(part)) found.push(...all(await docx.xml(part), 'w:ins'), ...all(await docx.xml(part), 'w:del'))
  }
  return found
}

/** A body paragraph: its paragraph-mark revision, and the text it keeps, deletes and inserts. */
interface ParagraphShape {
  mark: 'ins' | 'del' | undefined
  kept: string
  deleted: string
  inserted: string
}

function shapeOf(paragraph: XmlElement): ParagraphShape {
  const properties = child(paragraph, 'w:pPr')
  const markRun = properties ? child(properties, 'w:rPr') : undefined
  const mark = markRun && child(markRun, 'w:ins') ? 'ins' : markRun && child(markRun, 'w:del') ? 'del' : undefined
  const inserted = all(paragraph, 'w:ins').map(textOf).join('')
  const deleted = all(paragraph, 'w:del')
    .flatMap((del) => all(del, 'w:delText'))
    .map((element) => element.children.filter((node): node is string => typeof node === 'string').join(''))
    .join('')
  return {mark, kept: textOf(paragraph).replace(inserted, ''), deleted, inserted}
}

function paragraphWith(text: string): ParagraphShape {
  const paragraph = all(body, 'w:p').find((candidate) => {
    const shape = shapeOf(candidate)
    return (shape.kept + shape.deleted + shape.inserted).includes(text)
  })
  if (!paragraph) throw new Error(`No paragraph with “${text}”`)
  return shapeOf(paragraph)
}

/** Pandoc's reading of a .docx, as JSON blocks, with Accept All or Reject All applied. */
async function pandoc(file: string, changes: 'accept' | 'reject'): Promise<unknown> {
  const json = JSON.parse(await tool('pandoc', ['-f', 'docx', '-t', 'json', `--track-changes=${changes}`, file])) as {blocks: unknown}
  return withoutEmptyItems(json.blocks)
}

/**
 * Pandoc applies the revisions of text and paragraph marks, but leaves a list
 * item or table row whose every paragraph went as an empty item or row
 * (Word removes them). Drop those before comparing.
 */
function withoutEmptyItems(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutEmptyItems)
  if (!node || typeof node !== 'object') return node
  const element = node as {t?: string; c?: unknown}
  const empty = (blocks: unknown): boolean => Array.isArray(blocks) && blocks.every((block) => Array.isArray((block as {c?: unknown}).c) && (block as {c: unknown[]}).c.length === 0)
  if ((element.t === 'OrderedList' || element.t === 'BulletList') && Array.isArray(element.c)) {
    const items = element.t === 'OrderedList' ? (element.c[1] as unknown[][]) : (element.c as unknown[][])
    const kept = items.filter((item) => !empty(item)).map(withoutEmptyItems)
    return {t: element.t, c: element.t === 'OrderedList' ? [element.c[0], kept] : kept}
  }
  if (element.t === 'Table' && Array.isArray(element.c)) {
    const [attr, caption, columns, head, bodies, foot] = element.c as [unknown, unknown, unknown, unknown, Array<[unknown, unknown, unknown, unknown[]]>, unknown]
    const rows = (list: unknown[]): unknown[] => list.filter((row) => !((row as [unknown, Array<[unknown, unknown, unknown, unknown, unknown]>])[1].every((cell) => empty(cell[4]))))
    return {t: 'Table', c: [attr, caption, columns, head, bodies.map(([a, b, c, d]) => [a, b, c, rows(d)]), foot]}
  }
  return Object.fromEntries(Object.entries(element).map(([key, value]) => [key, withoutEmptyItems(value)]))
}

describe('the redline of two versions of a text', () => {
  it('validates part by part against the WordprocessingML schemas', async () => {
    expect(existsSync(schema), `OOXML schemas not found at ${schemas}: set PAIBAN_OOXML_SCHEMAS`).toBe(true)
    const parts = redline.parts.filter((part) => /^word\/[^/]+\.xml$/.test(part))
    expect(parts).toContain('word/footnotes.xml')
    for (const part of parts) {
      // The XSD knows no Markup Compatibility (see docx.test.ts).
      const xml = (await redline.text(part)).replace(/ mc:Ignorable="[^"]*"/, '').replace(/ w15:restartNumberingAfterBreak="[^"]*"/g, '')
      const file = path.join(out, `part-${path.basename(part)}`)
      await writeFile(file, xml)
      await expect(tool('xmllint', ['--noout', '--schema', schema, file]), part).resolves.toBeDefined()
    }
  })

  it('gives the newer text on Accept All and the older on Reject All', async () => {
    expect(await pandoc(files.redline, 'accept')).toEqual(await pandoc(files.sameNew, 'accept'))
    expect(await pandoc(files.redline, 'reject')).toEqual(await pandoc(files.sameOld, 'reject'))
  })

  it('marks every change with the author and date given, under its own id', async () => {
    const changes = await revisions(redline)
    expect(changes.length).toBeGreaterThan(20)
    for (const change of changes) expect(change.attributes).toMatchObject({'w:author': author, 'w:date': date})
    const ids = changes.map((change) => change.attributes['w:id'])
    expect(new Set(ids).size).toBe(ids.length)
    // Nor do they share an id with a bookmark.
    const bookmarks = all(body, 'w:bookmarkStart').map((bookmark) => bookmark.attributes['w:id'])
    expect(ids.filter((id) => bookmarks.includes(id))).toEqual([])
  })

  it('keeps deleted text in w:delText, never in w:t', async () => {
    for (const del of all(body, 'w:del')) expect(all(del, 'w:t')).toEqual([])
    expect(all(body, 'w:delText').length).toBeGreaterThan(0)
  })

  it('aligns deleted, edited, inserted and unchanged paragraphs', () => {
    // Unchanged: no revision at all.
    expect(paragraphWith('一要强化理论学习')).toMatchObject({mark: undefined, deleted: '', inserted: ''})
    // Edited: one character out, one in; the paragraph itself stays.
    expect(paragraphWith('既')).toMatchObject({mark: undefined, deleted: '启', inserted: '激'})
    expect(paragraphWith('导向。牢固树立')).toMatchObject({mark: undefined, deleted: '践', inserted: '干'})
    expect(paragraphWith('坚决清除')).toMatchObject({mark: undefined, deleted: '害群之马', inserted: '腐败分子'})
    // Deleted and inserted whole, paragraph mark included.
    expect(paragraphWith('二要坚定理想信念')).toMatchObject({mark: 'del', kept: '', inserted: ''})
    expect(paragraphWith('四要突出问题导向')).toMatchObject({mark: 'ins', kept: '', deleted: ''})
    // A list item and a table row only the newer version has.
    expect(paragraphWith('撰写心得体会')).toMatchObject({mark: 'ins', kept: ''})
    const row = all(body, 'w:tr').find((candidate) => textOf(candidate).includes('八月'))
    expect(row && child(child(row, 'w:trPr') ?? row, 'w:ins')).toBeDefined()
  })

  it('has no revision at all for identical inputs', async () => {
    for (const file of [files.sameNew, files.sameOld]) {
      const docx = await unpackDocx(await readFile(file))
      for (const part of docx.parts.filter((name) => /^word\/.+\.xml$/.test(name))) expect(await docx.text(part), part).not.toMatch(/<w:(ins|del)\b/)
    }
  })

  it('opens in LibreOffice with the changes still tracked', () => {
    const regions = fodt.match(/<text:changed-region\b/g) ?? []
    expect(regions.length).toBeGreaterThan(10)
    expect(fodt).toMatch(/<text:insertion>/)
    expect(fodt).toMatch(/<text:deletion>/)
    const creators = [...fodt.matchAll(/<office:change-info>\s*<dc:creator>([^<]*)<\/dc:creator>/g)].map((match) => match[1])
    expect(new Set(creators)).toEqual(new Set([author]))
  })
})
