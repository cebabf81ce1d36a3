import {stat} from 'node:fs/promises'
import path from 'node:path'
import type {BuildContext} from '../context.js'
import {PaibanError} from '../errors.js'
import {writeAtomic} from '../fs.js'
import {buildOutline} from '../model/outline.js'
import {parseDocument, type ParsedDocument} from '../model/parse.js'
import {packageRoot} from '../paths.js'
import {decodeText} from '../read/decode.js'
import {markdownOf, readSourceBytes} from '../read/source.js'
import {loadTemplate, templateDirectory} from '../template/load.js'
import {resolveTemplate, type ResolvedTemplate} from '../template/resolve.js'
import {version} from '../version.js'
import type {BrowserSession} from '../write/pdf/browser.js'
import {commitOf, gitUserName, readAtRevision, utcDateTime} from './git.js'
import {countChanges, mergeTrees, type ChangeCounts} from './merge.js'
import {writeRedlineDocx} from './redline-docx.js'
import {copyWebAssets} from '../write/html/assets.js'
import {redlineHtml, redlinePdf} from './redline-html.js'

/**
 * `paiban diff`: what changed between two versions of a text, as a Word
 * document with tracked changes (and, for reading, HTML or PDF). Both
 * versions are read (.md as is, .txt normalized), parsed into the document
 * model, merged (merge.ts) and written by the ordinary writers in the newer
 * version's template. See docs/diff.md.
 */

export {redlineFormats, revisionDate, type RedlineFormat} from './options.js'
import {revisionDate, type RedlineFormat} from './options.js'

/** One version of a text: a file as it is on disk, or as committed at a git revision. */
export interface RedlineVersion {
  file: string
  /** A git revision (`HEAD~2`, `main`, a tag). Default: the file on disk. */
  revision?: string
}

export interface RedlineOptions {
  before: RedlineVersion
  after: RedlineVersion
  /** What to write, and where. */
  outputs: ReadonlyArray<{format: RedlineFormat; file: string}>
  /**
   * Author of the changes. Default: the newer commit's author when the newer
   * version is a revision, `git config user.name` for the working copy, else `paiban`.
   */
  author?: string
  /**
   * When the changes were made (ISO 8601). Default: the newer commit's author
   * date; for files, SOURCE_DATE_EPOCH, else the newer file's modification time.
   */
  date?: string
  /** Template name or folder. Default: the newer version's `template:`, else `booklet`. */
  template?: string
  /** Nothing outside it is read. Default: the working directory. */
  projectRoot?: string
}

export interface RedlineResult {
  outputs: Array<{format: RedlineFormat; file: string; pages?: number}>
  changes: ChangeCounts
  /** Front matter fields that differ: the redline shows the newer ones, untracked. */
  metaChanges: Array<{field: string; before: string; after: string}>
  author: string
  /** xsd:dateTime written into every revision. */
  date: string
}

export async function buildRedline(options: RedlineOptions): Promise<RedlineResult> {
  const projectRoot = path.resolve(options.projectRoot ?? process.cwd())
  const [before, after] = await Promise.all([readVersion(options.before, projectRoot), readVersion(options.after, projectRoot)])
  const tree = mergeTrees(before.tree, after.tree)
  const document: ParsedDocument = {...after, tree, outline: buildOutline(tree)}
  const {author, date} = await authorAndDate(options)
  const context: BuildContext = {
    document,
    template: redlineTemplate(await templateOf(after, options, projectRoot)),
    sourceDateEpoch: Math.floor(Date.parse(date) / 1000),
    projectRoot,
    sourceDirectory: path.dirname(path.resolve(projectRoot, options.after.file))
  }
  const result: RedlineResult = {outputs: [], changes: countChanges(tree), metaChanges: metaChanges(before, after), author, date}
  const name = path.basename(options.after.file, path.extname(options.after.file))
  let browser: BrowserSession | undefined
  try {
    for (const output of options.outputs) {
      const file = path.resolve(projectRoot, output.file)
      if (output.format === 'docx') {
        await writeAtomic(file, await writeRedlineDocx(context, {author, date}))
        result.outputs.push({format: 'docx', file})
      } else if (output.format === 'html') {
        const html = redlineHtml(context, path.basename(file, '.html'))
        await copyWebAssets(html.webAssets, {projectRoot: context.projectRoot, outDir: path.dirname(file), place: context.document.file.path ?? file})
        await writeAtomic(file, html.web)
        result.outputs.push({format: 'html', file})
      } else {
        const {launchBrowser} = await import('../write/pdf/browser.js')
        browser ??= await launchBrowser()
        const pdf = await redlinePdf(context, redlineHtml(context, name), browser, `paiban ${version}`)
        await writeAtomic(file, pdf.bytes)
        result.outputs.push({format: 'pdf', file, pages: pdf.pages})
      }
    }
  } finally {
    await browser?.close()
  }
  return result
}

/**
 * The document's template, as a redline sets it: no cover and no 目录 (they
 * are made from the text, and a 目录 of a redline would list deleted
 * headings), and styles/redline.css for `<ins>`/`<del>` in HTML and PDF.
 */
export function redlineTemplate(template: ResolvedTemplate): ResolvedTemplate {
  return {
    ...template,
    cover: {...template.cover, show: false},
    toc: {...template.toc, show: false},
    stylesheets: [...template.stylesheets, path.join(packageRoot, 'styles', 'redline.css')]
  }
}

/** The front matter fields a reader sees (title, subtitle, issuer, date, subject, keywords) that differ. */
function metaChanges(before: ParsedDocument, after: ParsedDocument): RedlineResult['metaChanges'] {
  const fields = ['title', 'subtitle', 'issuer', 'date', 'subject', 'keywords'] as const
  const text = (document: ParsedDocument, field: (typeof fields)[number]): string => {
    const value = document.meta[field]
    return Array.isArray(value) ? value.join(', ') : (value ?? '')
  }
  return fields.filter((field) => text(before, field) !== text(after, field)).map((field) => ({field, before: text(before, field), after: text(after, field)}))
}

/** A version's text, parsed: `.md` as it is, `.txt` through the normalizer, as `paiban build` reads them. */
async function readVersion(version: RedlineVersion, projectRoot: string): Promise<ParsedDocument> {
  const file = path.resolve(projectRoot, version.file)
  const bytes = version.revision === undefined ? await readSourceBytes(file) : await readAtRevision(file, version.revision)
  const label = version.revision === undefined ? path.relative(projectRoot, file) || file : `${path.relative(projectRoot, file) || file}@${version.revision}`
  return parseDocument(await markdownOf(decodeText(bytes, file), file), label)
}

async function templateOf(after: ParsedDocument, options: RedlineOptions, projectRoot: string): Promise<ResolvedTemplate> {
  const name = options.template ?? after.meta.template ?? 'booklet'
  const base = after.meta.template && !options.template ? path.dirname(path.resolve(projectRoot, options.after.file)) : projectRoot
  const directory = templateDirectory(name, base)
  return resolveTemplate(await loadTemplate(directory), directory)
}

/** Author and date of the changes: given, else the newer version's (see RedlineOptions). */
async function authorAndDate(options: RedlineOptions): Promise<{author: string; date: string}> {
  const given = options.date === undefined ? undefined : revisionDate(options.date)
  if (options.after.revision !== undefined && (options.author === undefined || given === undefined)) {
    const commit = await commitOf(options.after.file, options.after.revision)
    return {author: options.author ?? commit.author, date: given ?? commit.date}
  }
  const author = options.author ?? (options.before.revision !== undefined ? await gitUserName(options.after.file) : undefined) ?? 'paiban'
  if (given !== undefined) return {author, date: given}
  const epoch = process.env['SOURCE_DATE_EPOCH']
  if (epoch && /^\d+$/.test(epoch)) return {author, date: utcDateTime(new Date(Number(epoch) * 1000))}
  const modified = await stat(options.after.file).then((info) => info.mtime).catch(() => new Date(0))
  return {author, date: utcDateTime(modified)}
}

