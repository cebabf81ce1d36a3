import {mkdtemp, readFile, readdir, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type {BuildContext} from '../../src/context.js'
import {parseDocument} from '../../src/model/parse.js'
import {writeDocx, type DocxOptions} from '../../src/write/docx/index.js'
import {builtInTemplate, projectRoot} from './template.js'
import {tool} from './tools.js'

/** A .docx unzipped by Info-ZIP's `unzip` (not our own reader) into a temporary folder. */
export interface UnpackedDocx {
  directory: string
  /** Paths of the package's parts, e.g. `word/document.xml`. */
  parts: string[]
  text(part: string): Promise<string>
  xml(part: string): Promise<XmlElement>
}

export async function unpackDocx(bytes: Uint8Array, name = 'out.docx'): Promise<UnpackedDocx> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'paiban-docx-'))
  const file = path.join(directory, name)
  await writeFile(file, bytes)
  const target = path.join(directory, 'parts')
  await tool('unzip', ['-q', '-o', file, '-d', target])
  const parts = (await readdir(target, {recursive: true, withFileTypes: true}))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(target, path.join(entry.parentPath, entry.name)))
    .sort()
  const text = (part: string): Promise<string> => readFile(path.join(target, part), 'utf8')
  return {directory: target, parts, text, xml: async (part) => parseXml(await text(part))}
}

/** Markdown (with front matter) to an unpacked .docx, with the booklet template. */
export async function docxOf(markdown: string, options: {context?: Partial<BuildContext>; docx?: DocxOptions} = {}): Promise<UnpackedDocx> {
  const context: BuildContext = {
    document: parseDocument(markdown, 'x.md'),
    template: await builtInTemplate(),
    sourceDateEpoch: 1_700_000_000,
    projectRoot,
    sourceDirectory: path.join(projectRoot, 'test/fixtures/docx'),
    ...options.context
  }
  return unpackDocx(await writeDocx(context, options.docx ?? {}))
}

export interface XmlElement {
  name: string
  attributes: Record<string, string>
  children: Array<XmlElement | string>
}

/**
 * A small XML parser for the parts docx writes (no DTD, no CDATA): enough to
 * assert on structure rather than on strings.
 */
export function parseXml(source: string): XmlElement {
  const root: XmlElement = {name: '#document', attributes: {}, children: []}
  const stack = [root]
  const token = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<\/([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g
  for (const match of source.matchAll(token)) {
    const current = stack.at(-1) ?? root
    const [, close, open, attributeText, selfClosing, text] = match
    if (close) {
      if (current.name !== close) throw new Error(`Unbalanced XML: </${close}> closes <${current.name}>`)
      stack.pop()
    } else if (open) {
      const attributes: Record<string, string> = {}
      for (const [, key, double, single] of (attributeText ?? '').matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        if (key) attributes[key] = decodeEntities(double ?? single ?? '')
      }
      const element: XmlElement = {name: open, attributes, children: []}
      current.children.push(element)
      if (!selfClosing) stack.push(element)
    } else if (text !== undefined) {
      current.children.push(decodeEntities(text))
    }
  }
  const [document] = root.children
  if (!document || typeof document === 'string') throw new Error('No root element')
  return document
}

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_match, entity: string) => {
    const named: Record<string, string> = {lt: '<', gt: '>', amp: '&', quot: '"', apos: "'"}
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16))
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)))
    return named[entity] ?? ''
  })
}

/** Every descendant element named `name`, in document order. */
export function all(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = []
  for (const child of element.children) {
    if (typeof child === 'string') continue
    if (child.name === name) found.push(child)
    found.push(...all(child, name))
  }
  return found
}

/** The first descendant named `name`. */
export function first(element: XmlElement, name: string): XmlElement | undefined {
  return all(element, name)[0]
}

/** A direct child named `name`. */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((node): node is XmlElement => typeof node !== 'string' && node.name === name)
}

/** Concatenated text of `w:t` runs below the element. */
export function textOf(element: XmlElement): string {
  return all(element, 'w:t')
    .map((t) => t.children.filter((node): node is string => typeof node === 'string').join(''))
    .join('')
}

/** The style id of a paragraph (`w:pStyle`), or undefined. */
export function paragraphStyle(paragraph: XmlElement): string | undefined {
  return child(child(paragraph, 'w:pPr') ?? {name: '', attributes: {}, children: []}, 'w:pStyle')?.attributes['w:val']
}

/** A `w:style` of styles.xml by id. */
export function styleById(styles: XmlElement, id: string): XmlElement {
  const style = all(styles, 'w:style').find((candidate) => candidate.attributes['w:styleId'] === id)
  if (!style) throw new Error(`No style ${id}`)
  return style
}
