import type {Parent, Root, Yaml} from 'mdast'
import {visit} from 'unist-util-visit'
import {VFile} from 'vfile'
import {rewriteBlock} from './block-text.js'
import {frontMatterYaml, type FrontMatterFields} from './front-matter-block.js'
import {lintTree} from './lint.js'
import {checkRoundTrip, parseMarkdown, settleMarkdown, stringifyMarkdown} from './markdown.js'
import {readPlainText, takeTitleLine} from './plain-text.js'
import {plainText} from './phrasing.js'
import {markOfficialElements} from './official.js'
import {fixEllipses, fixHalfWidthPunctuation, fixStraightQuotes} from './punctuation.js'
import {enabled, lineStartsOf, messageSource, pointAt, type NormalizeState, type VFileMessage} from './report.js'
import {splitRunIn} from './run-in.js'
import {fixNoBreakSpaces, fixStraySpaces, removeZeroWidth} from './spacing.js'
import {applyOutline} from './structure.js'
import type {TextRule} from './tracked-text.js'
import {fixCircleZero, fixDashes, fixFullWidthAlphanumerics, fixMiddleDots} from './forms.js'
import {lintSettingsOf, type LintSettings} from './config.js'
import {parseDocument as parseYaml} from 'yaml'

export type {FrontMatterFields} from './front-matter-block.js'
export {isFixable, messageSource, type VFileMessage} from './report.js'
export {configFileName, loadLintSettings, type LintSettings} from './config.js'
export {fixRules, lintRules, switchableRules} from './rules.js'

export interface NormalizeOptions {
  /**
   * Name used in messages (`source/x.txt:3:5`) and to tell the format:
   * `.md`/`.markdown` is Markdown, anything else plain text. Default
   * `input.txt`.
   */
  fileName?: string | undefined
  /**
   * `text`: every character is text, one paragraph per line. `markdown`:
   * the body is Markdown and its front matter is kept. Default: from
   * `fileName`, else `markdown` when the text starts with `---` front
   * matter. Set it to re-normalize Markdown that has no front matter.
   */
  format?: 'text' | 'markdown' | undefined
  /** Front matter fields to write; given fields replace those of a Markdown source. */
  frontMatter?: Readonly<FrontMatterFields> | undefined
  /**
   * `remove` (default): no space between Han and Latin letters or digits,
   * as in 2025年3月27日 — the template adds the gap when it prints.
   * `keep`: leave such spaces as written.
   */
  hanLatinSpace?: 'remove' | 'keep' | undefined
  /**
   * Rules switched off for this text, e.g. from paiban.config.yaml
   * (`loadLintSettings`); a Markdown source's front matter `lint: {off: […]}`
   * adds to them. Default: every rule on.
   */
  rules?: Readonly<LintSettings> | undefined
}

export interface NormalizeResult {
  /** Normalized Markdown with front matter, ending with a line feed. */
  markdown: string
  /** Findings, sorted by place: fixes done (with `actual`/`expected`) and lint-only findings. */
  messages: VFileMessage[]
  /** The title taken from the first line of a plain text, if any. */
  title: string | undefined
}

const emptyOptions: Readonly<NormalizeOptions> = {}

/** Character rules, in order: invisible characters, punctuation, then the spaces punctuation leaves. */
const characterRules: readonly TextRule[] = [
  removeZeroWidth,
  fixNoBreakSpaces,
  fixFullWidthAlphanumerics,
  fixEllipses,
  fixDashes,
  fixMiddleDots,
  fixCircleZero,
  fixHalfWidthPunctuation,
  fixStraightQuotes,
  fixStraySpaces
]

/**
 * Normalize a source into paiban Markdown: full-width punctuation, no
 * stray spaces, outline numbering as headings, run-in points as paragraphs
 * with a strong lead sentence, literal `**` escaped, front matter on top.
 * Every change is also a message at its place in `text`.
 *
 * Throws (vfile `fail`) only if the Markdown written would not read back as
 * the same text — a bug in paiban, never a problem of the source.
 */
export function normalizeText(text: string, options?: Readonly<NormalizeOptions>): NormalizeResult {
  const settings = options ?? emptyOptions
  const input = text.replace(/\r\n?/gu, '\n')
  const fileName = settings.fileName ?? 'input.txt'
  const format = settings.format ?? formatOf(input, settings.fileName)
  const file = new VFile({path: fileName, value: input})
  const state: NormalizeState = {
    file,
    input,
    lineStarts: lineStartsOf(input),
    origins: new WeakMap(),
    context: {hanLatinSpace: settings.hanLatinSpace ?? 'remove'},
    off: new Set(settings.rules?.off ?? [])
  }

  // 1. Read: plain text lines or a Markdown tree (front matter kept aside,
  //    its `lint: {off: […]}` switching rules off for this text).
  const tree = format === 'text' ? readPlainText(input, state) : parseMarkdown(input)
  const yamlNode = tree.children[0]?.type === 'yaml' ? tree.children[0] : undefined
  const existingYaml = takeYaml(tree)
  if (existingYaml !== undefined) readFrontMatterLint(existingYaml, (yamlNode?.position?.start.offset ?? 0) + '---\n'.length, state)

  // 2. Characters: punctuation and spaces, block by block.
  rewriteCharacters(tree, state)

  // 3. A plain text's title line goes into the front matter.
  const given = settings.frontMatter ?? {}
  const title = format === 'text' && enabled(state, 'title-line') ? takeTitleLine(tree, given.title, state) : undefined

  // 4. Structure: 公文 elements → containers; outline numbering → headings;
  //    run-in points → paragraphs with a lead sentence.
  markOfficialElements(tree, state, (ruleId) => enabled(state, ruleId))
  applyOutline(tree, state)
  splitRunIn(tree, state)
  // A paragraph split off a heading may be one ("二、…。附件：1.…" on one line);
  // what was ambiguous the first time has been said.
  markOfficialElements(tree, state, (ruleId) => ruleId !== 'ambiguous-official' && enabled(state, ruleId))
  // Splitting gives blocks new edges (a heading now ends where a paragraph went on); check them again.
  rewriteCharacters(tree, state)

  // 5. Lint what is not fixed automatically.
  lintTree(tree, state)

  // 6. Front matter, write, read back.
  const yaml = frontMatterYaml({...given, title: given.title ?? title}, existingYaml)
  if (yaml === undefined) {
    if (enabled(state, 'missing-title')) state.file.message('Missing title, expected a `title` in the front matter: pass one, or start the text with a title line', {
      place: {line: 1, column: 1},
      ruleId: 'missing-title',
      source: messageSource
    })
  } else {
    const node: Yaml = {type: 'yaml', value: yaml}
    tree.children.unshift(node)
  }
  const markdown = settleMarkdown(stringifyMarkdown(tree))
  checkRoundTrip(tree, markdown, state, format === 'text')

  return {markdown, messages: sortMessages(file.messages), title}
}

/** Findings about a source, without writing anything: the lint that `normalize --fix` would fix, plus lint-only findings. */
export function lintText(text: string, fileName: string): VFileMessage[] {
  return normalizeText(text, {fileName}).messages
}

/** The front matter's `lint` block: rules it switches off, and its mistakes at their place in the input. */
function readFrontMatterLint(yaml: string, startOffset: number, state: NormalizeState): void {
  const document = parseYaml(yaml, {prettyErrors: false})
  if (document.errors.length > 0) return
  const {settings, problems} = lintSettingsOf(document, false)
  for (const id of settings.off) state.off.add(id)
  for (const problem of problems) {
    const message = state.file.message(problem.message, {place: pointAt(state, startOffset + problem.offset), ruleId: 'lint-config', source: messageSource})
    message.fatal = true
  }
}

function formatOf(input: string, fileName: string | undefined): 'text' | 'markdown' {
  if (fileName !== undefined) return /\.(?:md|markdown)$/iu.test(fileName) ? 'markdown' : 'text'
  return /^---\n/u.test(input) ? 'markdown' : 'text'
}

/** Remove the front matter node from the tree and return its YAML. */
function takeYaml(tree: Root): string | undefined {
  const first = tree.children[0]
  if (first?.type !== 'yaml') return undefined
  tree.children.shift()
  return first.value
}

function rewriteCharacters(tree: Root, state: NormalizeState): void {
  visit(tree, (node) => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      rewriteBlock(node, characterRules, state)
      return 'skip'
    }
    return undefined
  })
  // A line of no-break spaces leaves an empty paragraph behind.
  removeEmptyBlocks(tree)
}

function removeEmptyBlocks(parent: Parent): void {
  parent.children = parent.children.filter((child) => {
    if (child.type === 'paragraph' || child.type === 'heading') return plainText(child) !== '' || child.children.some((node) => node.type !== 'text')
    if ('children' in child) removeEmptyBlocks(child)
    return true
  })
}

function sortMessages(messages: readonly VFileMessage[]): VFileMessage[] {
  return [...messages].sort((a, b) =>
    (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
}
