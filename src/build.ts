import {createHash} from 'node:crypto'
import {copyFile, mkdir, readFile, readdir} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pLimit from 'p-limit'
import {readCache, writeCache} from './build-cache.js'
import {readManifest, writeManifest, type ManifestDocument, type ManifestOutput} from './build-manifest.js'
import type {CheckFinding} from './check/index.js'
import type {PdfPageText} from './check/pdf-text.js'
import type {BuildContext} from './context.js'
import {PaibanError} from './errors.js'
import {writeAtomic} from './fs.js'
import {copyPlannedAssets, planWebAssets, type WebAssetPlan} from './write/html/assets.js'
import {missingGlyphError} from './write/html/missing-glyphs.js'
import type {ParsedDocument} from './model/parse.js'
import {requireFromPaiban} from './paths.js'
import {decodeText} from './read/decode.js'
import {frontMatterSettings, markdownOf, readSourceBytes} from './read/source.js'
import {inShard, type Shard} from './shard.js'
import {sourceDateEpoch} from './source-date.js'
import {loadTemplate, templateDirectory} from './template/load.js'
import {resolveTemplate, type ResolvedTemplate} from './template/resolve.js'
import {outputFormats, type OutputFormat} from './output-format.js'
import {version} from './version.js'
import type {PressOptions, PressOptionsInput} from './press/options.js'
import type {BrowserSession} from './write/pdf/browser.js'
import type {DocxResult} from './write/docx/job.js'

export {outputFormats, type OutputFormat} from './output-format.js'
export type BuildPhase = 'read' | 'model' | 'html' | 'pdf' | 'docx' | 'check' | 'press' | 'write'

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
  /** Documents built at once (one browser, that many pages printing). Default: the number of cores. */
  jobs?: number
  /** Build only this slice of the documents, for CI matrices. */
  shard?: Shard
  /** The preflight check of the outputs (lost text, fonts, page size, 目录 numbers). Default: on. */
  check?: boolean
  /**
   * Press outputs from each PDF: bleed and crop marks (`press`), PDF/X
   * (`pdfx`), saddle-stitch imposition (`impose`); see docs/print.md.
   * Default: the template's `press:` block, else none.
   */
  press?: PressOptionsInput
  /** A browser to use and leave open (watch mode). Default: one is started if a PDF is due, and closed. */
  browser?: BrowserSession
  /** Progress: phases, outputs, skips and failures, per document. */
  onEvent?: (event: BuildEvent) => void
}

export type BuildEvent =
  | {type: 'phase'; input: string; phase: BuildPhase; milliseconds: number}
  /** `format` is the output's suffix: pdf, docx, html, press.pdf, imposed.pdf. */
  | {type: 'output'; input: string; format: string; file: string; pages?: number}
  | {type: 'note'; input: string; note: string}
  | {type: 'skipped'; input: string}
  /** Something the user should know that does not stop the build (a font substituted). */
  | {type: 'warning'; input: string; message: string}
  | {type: 'failed'; input: string; error: unknown}
  | {type: 'done'; input: string; milliseconds: number}

export interface DocumentResult {
  input: string
  outputs: ManifestOutput[]
  skipped: boolean
  error?: unknown
}

export interface BuildResult {
  documents: DocumentResult[]
  failed: number
  /** Where the manifest was written. */
  manifest: string
}

/**
 * Build every document: read → model → HTML → PDF → Word → check → write.
 * Documents run `jobs` at a time over one browser, which starts only if a
 * PDF is due; a document whose inputs are unchanged is skipped without it.
 */
export async function buildBook(options: BuildOptions = {}): Promise<BuildResult> {
  const projectRoot = path.resolve(options.projectRoot ?? process.cwd())
  const outDir = path.resolve(projectRoot, options.outDir ?? 'output')
  const formats = options.formats ?? [...outputFormats]
  const emit = options.onEvent ?? (() => undefined)
  let inputs = options.inputs?.length ? options.inputs.map((input) => path.resolve(projectRoot, input)) : await defaultInputs(projectRoot)
  const shard = options.shard
  if (shard) inputs = inputs.filter((input) => inShard(path.relative(projectRoot, input), shard))

  const [cache, manifest] = await Promise.all([readCache(outDir), readManifest(outDir)])
  let session: Promise<BrowserSession> | undefined
  const browser = async (): Promise<BrowserSession> => {
    if (options.browser) return options.browser
    session ??= import('./write/pdf/browser.js').then(({launchBrowser}) => launchBrowser())
    return session
  }
  let closing: Promise<void> | undefined
  const closeBrowser = (): Promise<void> => (closing ??= session ? session.then((opened) => opened.close(), () => undefined) : Promise.resolve())
  // Once no document is left to print, the browser we started ends at once: its
  // processes' teardown overlaps the last document's check and writing.
  let mayPrint = inputs.length
  const donePrinting = (): void => {
    if (--mayPrint === 0 && !options.browser) void closeBrowser()
  }
  // A forced build prints every document: Chromium starts now, while the texts and templates are read.
  if (options.force && formats.includes('pdf') && inputs.length > 0) browser().catch(() => undefined)
  const settings: DocumentSettings = {
    projectRoot,
    outDir,
    formats,
    template: options.template,
    force: options.force ?? false,
    check: options.check ?? true,
    press: options.press,
    templates: new Map(),
    emit,
    browser
  }
  const limit = pLimit(Math.max(1, options.jobs ?? os.availableParallelism()))
  let documents: DocumentResult[]
  try {
    documents = await Promise.all(
      inputs.map((input) =>
        limit(async (): Promise<DocumentResult> => {
          const printed = once(donePrinting)
          try {
            const built = await buildDocument(input, settings, cache.isFresh.bind(cache), printed)
            if (built.entry) {
              manifest.set(built.entry.source, built.entry)
              cache.record(input, built.entry.inputHash)
            }
            return built.result
          } catch (error) {
            emit({type: 'failed', input, error})
            return {input, outputs: [], skipped: false, error}
          } finally {
            printed()
          }
        })
      )
    )
  } finally {
    await closeBrowser()
  }
  await writeCache(outDir, cache)
  if (manifest.size > 0) await writeManifest(outDir, `paiban ${version}`, manifest)
  return {documents, failed: documents.filter((document) => document.error !== undefined).length, manifest: path.join(outDir, 'manifest.json')}
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

interface DocumentSettings {
  projectRoot: string
  outDir: string
  formats: OutputFormat[]
  template: string | undefined
  force: boolean
  check: boolean
  press: PressOptionsInput | undefined
  /** Templates by folder, with their content hash: loaded once per build, however many documents use them. */
  templates: Map<string, Promise<{template: ResolvedTemplate; hash: string}>>
  emit: (event: BuildEvent) => void
  browser: () => Promise<BrowserSession>
}

/** Times each phase and reports it. */
function phaseTimer(input: string, emit: DocumentSettings['emit']) {
  return async <T>(phase: BuildPhase, work: () => T | Promise<T>): Promise<T> => {
    const started = performance.now()
    const result = await work()
    emit({type: 'phase', input, phase, milliseconds: performance.now() - started})
    return result
  }
}

/**
 * One document. If it fails, a Word job still running is stopped (its worker
 * would wait for the 目录's numbers) and its print site closed (the browser
 * may be waiting for its page). `printed` is called once its PDF is printed.
 */
async function buildDocument(
  input: string,
  settings: DocumentSettings,
  isFresh: (input: string, key: string, outputs: string[]) => Promise<boolean>,
  printed: () => void
): Promise<{result: DocumentResult; entry?: ManifestDocument}> {
  const stopOnFailure: Array<() => void> = []
  try {
    return await buildDocumentOutputs(input, settings, isFresh, stopOnFailure, printed)
  } catch (error) {
    for (const stop of stopOnFailure) stop()
    throw error
  }
}

async function buildDocumentOutputs(
  input: string,
  settings: DocumentSettings,
  isFresh: (input: string, key: string, outputs: string[]) => Promise<boolean>,
  stopOnFailure: Array<() => void>,
  printed: () => void
): Promise<{result: DocumentResult; entry?: ManifestDocument}> {
  const started = performance.now()
  const phase = phaseTimer(input, settings.emit)
  const name = path.basename(input, path.extname(input))
  const relative = path.relative(settings.projectRoot, input) || input

  // 1. Read the text and resolve the template: enough to know whether anything changed,
  //    without parsing the document (a build with nothing to do stays fast).
  const text = await phase('read', async () => decodeText(await readSourceBytes(input), input))
  const own = input.endsWith('.md') ? await frontMatterSettings(text) : {}
  const named = own.template
  const templateName = settings.template ?? named ?? 'booklet'
  const templateBase = named && !settings.template ? path.dirname(input) : settings.projectRoot
  const directory = templateDirectory(templateName, templateBase)
  let loaded = settings.templates.get(directory)
  if (!loaded) {
    loaded = loadTemplate(directory).then(async (data) => {
      const template = resolveTemplate(data, directory)
      return {template, hash: await templateHash(template)}
    })
    settings.templates.set(directory, loaded)
  }
  const {template, hash: templateKey} = await loaded
  const press = await pressOptionsFor([template.press, own.press, settings.press])
  // A plain text is normalized with the project's rules: they decide its outputs too.
  const rules = input.endsWith('.md') ? undefined : await import('./normalize/config.js').then(({loadLintSettings}) => loadLintSettings(input))
  const key = await inputKey(`${JSON.stringify(rules ?? null)}\n${text}`, templateKey, settings, press)
  const files = settings.formats.map((format) => path.join(settings.outDir, `${name}.${format}`))
  if (!settings.force && (await isFresh(input, key, files))) {
    settings.emit({type: 'skipped', input})
    return {result: {input, outputs: [], skipped: true}}
  }
  for (const message of template.warnings) settings.emit({type: 'warning', input, message})
  // Something to build: Chromium starts now, and boots while the text is parsed and the HTML made.
  // The document takes its print site at once: the first one's page is the one the browser opens with.
  const printing = settings.formats.includes('pdf')
    ? settings.browser().then((session) => {
        const site = session.site()
        stopOnFailure.push(() => site.close())
        return {session, site}
      })
    : undefined
  printing?.catch(() => undefined)
  // So does the Word copy's worker (write/docx/job.ts): it loads its code while the text is parsed.
  const wantDocx = settings.formats.includes('docx')
  const docxJob = wantDocx ? (await import('./write/docx/job.js')).startDocx({check: settings.check}) : undefined
  if (docxJob) stopOnFailure.push(() => docxJob.cancel())
  const markdown = await markdownOf(text, input)
  const {parseDocument} = await import('./model/parse.js')
  const document = await phase('model', () => parseDocument(markdown, relative))

  const context: BuildContext = {
    document,
    template,
    sourceDateEpoch: sourceDateEpoch(document.meta, input),
    projectRoot: settings.projectRoot,
    sourceDirectory: path.dirname(input)
  }
  // The Word copy is written from now on, while the HTML is made and the PDF prints.
  docxJob?.write(context)

  // 2. HTML: the print pages and the web page, while the browser starts.
  const {writeHtml} = await import('./write/html/index.js')
  const html = await phase('html', () => writeHtml(context, {name}))
  if (html.missingGlyphs.length > 0) throw missingGlyphError(html.missingGlyphs, markdown, relative, template)

  // The web page's fonts and images are looked at while the PDF prints, and copied once all passed.
  let assetPlan: Promise<WebAssetPlan> | undefined
  const planAssets = (): typeof assetPlan => {
    if (settings.formats.includes('html') && !assetPlan) {
      assetPlan = planWebAssets(html.webAssets, {projectRoot: settings.projectRoot, outDir: settings.outDir, place: relative})
      assetPlan.catch(() => undefined)
    }
    return assetPlan
  }

  // 3. PDF and Word: Word starts once the body's print gives the 目录 its page numbers,
  //    while the cover and 目录 print; the PDF's check overlaps with Word.
  const outputs = new Map<string, {bytes: Uint8Array; pages?: number}>()
  const warnings: string[] = [...template.warnings]
  for (const warning of template.warnings) settings.emit({type: 'note', input, note: warning})
  const findings: CheckFinding[] = []
  let docx: Promise<DocxResult> | undefined
  const finishDocx = (pages: ReadonlyMap<string, number> | undefined): void => {
    docx = docxJob?.finish(pages)
    docx?.catch(() => undefined)
  }
  let pdfCheck: Promise<CheckFinding[]> | undefined
  let bodyText: Promise<PdfPageText[]> | undefined
  if (printing) {
    const {writePdf} = await import('./write/pdf/index.js')
    // The preflight's code (pdf-lib with it) loads while Chromium prints: before, the cores are busy.
    let preflight: Promise<[typeof import('./check/pdf-text.js'), typeof import('./check/index.js')]> | undefined
    const loadPreflight = (): typeof preflight => {
      if (settings.check && !preflight) {
        preflight = Promise.all([import('./check/pdf-text.js'), import('./check/index.js')])
        preflight.catch(() => undefined)
      }
      return preflight
    }
    const pdf = await phase('pdf', async () => {
      const {session, site} = await printing
      return writePdf(context, html, session, {
        site,
        producer: `paiban ${version}`,
        onBodyPrinting: () => {
          loadPreflight()
          planAssets()
        },
        onHeadingPages: (pages) => {
          if (wantDocx) finishDocx(pages)
        },
        onBodyPrinted: (body) => {
          // The body's text is read while the cover and 目录 print.
          const preflight = loadPreflight()
          if (preflight) {
            // The body's own pages, taken now: the front pages go into the same document next.
            const pages = body.document.getPages()
            const read = preflight.then(([{readDocumentText}]) => readDocumentText(body.document, body.bytes, {pageCount: body.pageCount, pages}))
            const {furniture} = body
            bodyText = furniture
              ? Promise.all([read, furniture, preflight]).then(async ([text, laid, [{readDocumentText, overlayText}]]) =>
                  overlayText(text, await readDocumentText(laid.document, undefined, {pages: laid.pages}), laid.at)
                )
              : read
          }
          bodyText?.catch(() => undefined)
        }
      })
    })
    printed()
    outputs.set('pdf', {bytes: pdf.bytes, pages: pdf.pageCount})
    const checking = loadPreflight()
    if (checking) {
      const [, {checkPdf}] = await checking
      pdfCheck = phase('check', () => checkPdf(pdf.bytes, {document, template}, {parsed: pdf.document, ...(bodyText ? {bodyText} : {})}))
    }
  }
  // Without a PDF (or one that gave no numbers), the 目录's field is left for Word to update.
  if (wantDocx && !docx) finishDocx(undefined)
  if (docx) {
    // The worker checked the Word copy (when asked); its time is the time it worked, not its wait for the numbers.
    const {bytes, findings: docxFindings, milliseconds} = await docx
    settings.emit({type: 'phase', input, phase: 'docx', milliseconds})
    outputs.set('docx', {bytes})
    findings.push(...docxFindings)
  }
  if (pdfCheck) findings.push(...(await pdfCheck))
  if (findings.length > 0) throw checkError(findings, document)
  if (settings.formats.includes('html')) outputs.set('html', {bytes: new TextEncoder().encode(html.web)})

  // 4. Press outputs, from the PDF that passed the check.
  const readingPdf = outputs.get('pdf')
  if (press && readingPdf) {
    const {producePressOutputs} = await import('./press/index.js')
    const produced = await phase('press', () => producePressOutputs(readingPdf.bytes, context, press))
    for (const output of produced) {
      outputs.set(output.suffix, {bytes: output.bytes})
      for (const note of output.notes) {
        warnings.push(`${output.suffix}: ${note}`)
        settings.emit({type: 'note', input, note: `${output.suffix}: ${note}`})
      }
    }
  }

  // 5. Write: assets first, then each output atomically, only now that all passed.
  const written: ManifestOutput[] = []
  await phase('write', async () => {
    const plan = planAssets()
    if (plan) await copyPlannedAssets(await plan)
    const files = [...outputs].map(([format, output]) => ({format, output, file: path.join(settings.outDir, `${name}.${format}`)}))
    await Promise.all(files.map(({file, output}) => writeAtomic(file, output.bytes)))
    for (const {format, output, file} of files) {
      written.push({
        format,
        file: path.relative(settings.outDir, file),
        sha256: createHash('sha256').update(output.bytes).digest('hex'),
        bytes: output.bytes.length,
        ...(output.pages === undefined ? {} : {pages: output.pages})
      })
      settings.emit({type: 'output', input, format, file, ...(output.pages === undefined ? {} : {pages: output.pages})})
    }
  })
  const milliseconds = performance.now() - started
  settings.emit({type: 'done', input, milliseconds})
  return {
    result: {input, outputs: written, skipped: false},
    entry: {source: relative, template: template.name, inputHash: key, outputs: written, buildMilliseconds: Math.round(milliseconds), warnings: [...template.warnings]}
  }
}


/**
 * The press options in force: the template's `press:` block, then the
 * document's front matter, then the command line, each field over the one
 * before; undefined when no press output is due (the press code then never loads).
 */
async function pressOptionsFor(layers: Array<object | undefined>): Promise<PressOptions | undefined> {
  if (layers.every((layer) => layer === undefined)) return undefined
  const {parsePressOptions, wantsPressOutputs} = await import('./press/index.js')
  const options = parsePressOptions(Object.assign({}, ...layers))
  return wantsPressOutputs(options) ? options : undefined
}

/**
 * What decides a document's outputs: its text as read (normalizing a .txt is
 * paiban's own doing, which its version covers), the template (data,
 * stylesheets, fonts), paiban's version and the options. Unchanged → skipped.
 */
async function inputKey(text: string, templateKey: string, settings: DocumentSettings, press: PressOptions | undefined): Promise<string> {
  const hash = createHash('sha256')
  hash.update(`paiban ${version}\n${settings.formats.join(',')}\ncheck=${settings.check}\n${process.env['SOURCE_DATE_EPOCH'] ?? ''}\n`)
  hash.update(JSON.stringify(press ?? null))
  if (press?.icc) hash.update(await readFile(path.resolve(settings.projectRoot, press.icc)).catch(() => new Uint8Array()))
  hash.update(text)
  hash.update(templateKey)
  return hash.digest('hex')
}

/** A template's part of the input hash: its data, stylesheets and fonts. */
async function templateHash(template: ResolvedTemplate): Promise<string> {
  const hash = createHash('sha256')
  hash.update(JSON.stringify(template))
  for (const file of template.stylesheets) hash.update(await readFile(file))
  for (const font of template.fonts) {
    for (const source of font.sources) {
      if (source.fontFile) hash.update(await readFile(source.fontFile))
      if (source.cssFile) hash.update(fontPackageVersion(source.cssFile))
    }
  }
  return hash.digest('hex')
}

/** A font package is pinned by its version: hashing its hundreds of files on every build would cost more than it tells. */
function fontPackageVersion(cssFile: string): string {
  const manifest = path.join(path.dirname(cssFile), 'package.json')
  const {name, version: fontVersion} = requireFromPaiban(manifest) as {name: string; version: string}
  return `${name}@${fontVersion}`
}

function checkError(findings: CheckFinding[], document: ParsedDocument): PaibanError {
  const lines = findings.map((finding) => `${finding.place ?? document.file.path}${finding.page ? ` (page ${finding.page})` : ''}: ${finding.reason}  ${finding.ruleId}`)
  return new PaibanError('E_CHECK', `Preflight failed:\n  ${lines.join('\n  ')}`, {
    place: findings[0]?.place ?? document.file.path,
    hint: 'The outputs were not written. Fix the cause, or build with --no-check to look at them.'
  })
}

/** `run`, called once however often the function is. */
function once(run: () => void): () => void {
  let called = false
  return () => {
    if (called) return
    called = true
    run()
  }
}
