import {createHash} from 'node:crypto'
import {copyFile, mkdir, readFile, readdir} from 'node:fs/promises'
import path from 'node:path'
import {PDFDocument} from 'pdf-lib'
import {fontProblems, listPdfFonts} from './check/pdf-fonts.js'
import type {BuildContext} from './context.js'
import {PaibanError} from './errors.js'
import {isInside, writeAtomic} from './fs.js'
import {parseDocument} from './model/parse.js'
import {normalizeText} from './normalize/index.js'
import {decodeText} from './read/decode.js'
import {sourceDateEpoch} from './source-date.js'
import {loadTemplate, templateDirectory} from './template/load.js'
import {resolveTemplate, type ResolvedTemplate} from './template/resolve.js'
import {version} from './version.js'
import {writeDocx} from './write/docx/index.js'
import {writeHtml} from './write/html/index.js'
import {launchBrowser, type BrowserSession} from './write/pdf/browser.js'
import {writePdf} from './write/pdf/index.js'
import {readCache, writeCache, type BuildCache} from './build-cache.js'

export const outputFormats = ['pdf', 'docx', 'html'] as const
export type OutputFormat = (typeof outputFormats)[number]

export interface BuildOptions {
  /** Files to build (`.md`, or `.txt` normalized on the way in). Default: every `source/*.md`. */
  inputs?: string[]
  /** Output folder. Default: `output/` in the project. */
  outDir?: string
  /** Template name or folder; overrides the document's `template:`. Default: front matter, else `booklet`. */
  template?: string
  /** Default: all three. */
  formats?: OutputFormat[]
  /** Rebuild even when nothing changed since the last build. */
  force?: boolean
  /** The user's repository; nothing outside it is read. Default: the working directory. */
  projectRoot?: string
  /** Progress, one event per document and output. */
  onEvent?: (event: BuildEvent) => void
}

export type BuildEvent =
  | {type: 'output'; input: string; format: OutputFormat; file: string; milliseconds: number; pages?: number}
  | {type: 'skipped'; input: string}
  | {type: 'failed'; input: string; error: unknown}

export interface DocumentResult {
  input: string
  outputs: Array<{format: OutputFormat; file: string}>
  skipped: boolean
  error?: unknown
}

export interface BuildResult {
  documents: DocumentResult[]
  failed: number
}

/**
 * Build every document: read → normalize (.txt) → model → HTML → PDF → Word.
 * One browser serves all documents; it starts only if a PDF is due.
 */
export async function buildBook(options: BuildOptions = {}): Promise<BuildResult> {
  const projectRoot = path.resolve(options.projectRoot ?? process.cwd())
  const outDir = path.resolve(projectRoot, options.outDir ?? 'output')
  const formats = options.formats ?? [...outputFormats]
  const inputs = options.inputs?.length ? options.inputs.map((input) => path.resolve(projectRoot, input)) : await defaultInputs(projectRoot)
  const emit = options.onEvent ?? (() => undefined)
  const cache = await readCache(outDir)
  let browser: BrowserSession | undefined
  const documents: DocumentResult[] = []
  try {
    for (const input of inputs) {
      const result = await buildOne(input, {
        projectRoot,
        outDir,
        formats,
        template: options.template,
        force: options.force ?? false,
        cache,
        emit,
        browser: async () => (browser ??= await launchBrowser()).browser
      }).catch((error: unknown) => {
        emit({type: 'failed', input, error})
        return {input, outputs: [], skipped: false, error}
      })
      documents.push(result)
    }
  } finally {
    await browser?.close()
    await writeCache(outDir, cache)
  }
  return {documents, failed: documents.filter((document) => document.error !== undefined).length}
}

async function defaultInputs(projectRoot: string): Promise<string[]> {
  const directory = path.join(projectRoot, 'source')
  const entries = await readdir(directory).catch(() => {
    throw new PaibanError('E_USAGE', `No inputs given and no source/ folder in ${projectRoot}`, {
      hint: 'Name the files to build, or put Markdown texts in source/.'
    })
  })
  return entries.filter((entry) => entry.endsWith('.md')).sort().map((entry) => path.join(directory, entry))
}

interface BuildOneSettings {
  projectRoot: string
  outDir: string
  formats: OutputFormat[]
  template: string | undefined
  force: boolean
  cache: BuildCache
  emit: (event: BuildEvent) => void
  browser: () => Promise<import('puppeteer').Browser>
}

/** Read a source: `.md` as it is, `.txt` through the normalizer. */
export async function readSource(input: string): Promise<string> {
  const bytes = await readFile(input).catch((error: NodeJS.ErrnoException) => {
    throw new PaibanError('E_INPUT', `Cannot read ${input}: ${error.code ?? error.message}`, {
      hint: 'Check the file name.'
    })
  })
  const text = decodeText(bytes, input)
  if (input.endsWith('.md')) return text
  const result = normalizeText(text, {fileName: input})
  // A text with no title line is titled by its file name.
  if (result.title === undefined) return normalizeText(text, {fileName: input, frontMatter: {title: path.basename(input, path.extname(input))}}).markdown
  return result.markdown
}

async function buildOne(input: string, settings: BuildOneSettings): Promise<DocumentResult> {
  const name = path.basename(input, path.extname(input))
  const markdown = await readSource(input)
  const document = parseDocument(markdown, path.relative(settings.projectRoot, input) || input)
  const templateName = settings.template ?? document.meta.template ?? 'booklet'
  const directory = templateDirectory(templateName, document.meta.template && !settings.template ? path.dirname(input) : settings.projectRoot)
  const template = resolveTemplate(await loadTemplate(directory), directory)
  const outputs = settings.formats.map((format) => ({format, file: path.join(settings.outDir, `${name}.${format}`)}))

  const key = await inputKey(markdown, template, settings.formats)
  if (!settings.force && (await settings.cache.isFresh(input, key, outputs.map((output) => output.file)))) {
    settings.emit({type: 'skipped', input})
    return {input, outputs, skipped: true}
  }

  const context: BuildContext = {
    document,
    template,
    sourceDateEpoch: sourceDateEpoch(document.meta, input),
    projectRoot: settings.projectRoot,
    sourceDirectory: path.dirname(input)
  }
  let started = performance.now()
  const html = writeHtml(context, {name})
  if (html.missingGlyphs.length > 0) throw missingGlyphError(html.missingGlyphs, markdown, document.file.path ?? input, template)

  let headingPages: Map<string, number> | undefined
  if (settings.formats.includes('pdf')) {
    const pdf = await writePdf(context, html, await settings.browser(), {producer: `paiban ${version}`})
    checkFonts(await PDFDocument.load(pdf.bytes, {updateMetadata: false}), template, input)
    const file = path.join(settings.outDir, `${name}.pdf`)
    await writeAtomic(file, pdf.bytes)
    headingPages = pdf.headingPages
    settings.emit({type: 'output', input, format: 'pdf', file, milliseconds: performance.now() - started, pages: pdf.pageCount})
  }
  if (settings.formats.includes('docx')) {
    started = performance.now()
    const bytes = await writeDocx(context, headingPages ? {tocPages: headingPages} : {})
    const file = path.join(settings.outDir, `${name}.docx`)
    await writeAtomic(file, bytes)
    settings.emit({type: 'output', input, format: 'docx', file, milliseconds: performance.now() - started})
  }
  if (settings.formats.includes('html')) {
    started = performance.now()
    for (const asset of html.webAssets) {
      if (!isInside(settings.projectRoot, asset.from) && !asset.to.startsWith('assets/fonts/')) {
        throw new PaibanError('E_RESOURCE_BLOCKED', `Image ${asset.from} lies outside the project`, {
          place: document.file.path ?? input,
          hint: 'Keep images inside the repository, beside the text.'
        })
      }
      const target = path.join(settings.outDir, asset.to)
      await mkdir(path.dirname(target), {recursive: true})
      await copyFile(asset.from, target)
    }
    const file = path.join(settings.outDir, `${name}.html`)
    await writeAtomic(file, html.web)
    settings.emit({type: 'output', input, format: 'html', file, milliseconds: performance.now() - started})
  }
  settings.cache.record(input, key)
  return {input, outputs, skipped: false}
}

/** What decides a document's outputs: text, template, stylesheets, paiban, formats. */
async function inputKey(markdown: string, template: ResolvedTemplate, formats: OutputFormat[]): Promise<string> {
  const hash = createHash('sha256')
  hash.update(`paiban ${version}\n${formats.join(',')}\n${process.env['SOURCE_DATE_EPOCH'] ?? ''}\n`)
  hash.update(markdown)
  hash.update(JSON.stringify(template))
  for (const file of template.stylesheets) hash.update(await readFile(file))
  return hash.digest('hex')
}

function missingGlyphError(points: number[], markdown: string, fileName: string, template: ResolvedTemplate): PaibanError {
  const first = String.fromCodePoint(points[0] ?? 0)
  const offset = markdown.indexOf(first)
  const before = markdown.slice(0, Math.max(offset, 0)).split('\n')
  const place = offset === -1 ? fileName : `${fileName}:${before.length}:${(before.at(-1)?.length ?? 0) + 1}`
  const list = points.slice(0, 5).map((point) => `“${String.fromCodePoint(point)}” (U+${point.toString(16).toUpperCase().padStart(4, '0')})`)
  return new PaibanError('E_MISSING_GLYPH', `No font of the template has ${list.join(', ')}${points.length > 5 ? ` and ${points.length - 5} more` : ''}`, {
    place,
    hint: `The template’s fonts (${template.fonts.map((font) => font.family).join(', ')}) lack these characters: replace them, or add a font that has them.`
  })
}

function checkFonts(pdf: PDFDocument, template: ResolvedTemplate, input: string): void {
  const problems = fontProblems(listPdfFonts(pdf), template.fonts.map((font) => font.family))
  if (problems.length > 0) {
    throw new PaibanError('E_CHECK', problems.join('; '), {
      place: input,
      hint: 'Use fonts with TrueType outlines that hold every character, and load each weight the template uses.'
    })
  }
}
