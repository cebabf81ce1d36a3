import {readFileSync} from 'node:fs'
import type {Element, ElementContent, Root as HastRoot} from 'hast'
import {h} from 'hastscript'
import rehypeStringify from 'rehype-stringify'
import {unified} from 'unified'
import type {BuildContext} from '../../context.js'
import {formatDate} from '../../model/date.js'
import {tocEntries} from '../../model/outline.js'
import type {OutlineEntry} from '../../model/types.js'
import {typeWidthPt} from '../../template/type-area.js'
import type {ResolvedTemplate} from '../../template/resolve.js'
import {blankPageRules, furniturePageName, sectionPageName, usesSectionPages, type FurniturePage} from './template-css.js'

/**
 * The pages paiban prints and publishes, built as hast from the document's
 * body (already sanitized) and the template's data:
 * - the body, each top-level section on its own named page (running heads),
 *   whole or, when long, in two parts (write/pdf/parts.ts);
 * - the front matter: cover and 目录 (printed separately so the body's page
 *   numbers start at 1 and the 目录 gets its numbers from the body's print);
 * - the web page: all of it in one scrolling document.
 */

// Raw nodes hold runs of the body this module serialized itself (serializeRun).
const stringifier = unified().use(rehypeStringify, {allowDangerousHtml: true})

/**
 * The body cut where its top-level sections start: the opening (the blocks
 * before the first top-level heading; maybe none), then one run per section.
 */
export interface BodyRun {
  nodes: ElementContent[]
  /** Ids of the run's blocks (its heading's, and any other block's). */
  ids: string[]
}

/** The body's runs and the HTML of each, serialized once for every page that sets them. */
export interface SerializedBody {
  runs: BodyRun[]
  html: string[]
}

export function bodyRuns(body: HastRoot, outline: OutlineEntry[]): BodyRun[] {
  const topLevelIds = new Set(outline.filter((entry) => entry.level === 1).map((entry) => entry.id))
  const runs: BodyRun[] = [{nodes: [], ids: []}]
  for (const node of body.children) {
    if (node.type === 'doctype') continue
    const id = node.type === 'element' && typeof node.properties['id'] === 'string' ? node.properties['id'] : undefined
    if (id !== undefined && topLevelIds.has(id)) runs.push({nodes: [], ids: []})
    const run = runs[runs.length - 1] as BodyRun
    run.nodes.push(node)
    if (id !== undefined) run.ids.push(id)
  }
  return runs
}

/** A run's HTML: its blocks serialized as they would be inside any parent. */
export function serializeRun(run: BodyRun): string {
  return stringifier.stringify({type: 'root', children: run.nodes})
}

function raw(html: string): ElementContent {
  return {type: 'raw', value: html}
}

const stylesheetCache = new Map<string, string>()

function readStylesheet(file: string): string {
  let css = stylesheetCache.get(file)
  if (css === undefined) {
    css = readFileSync(file, 'utf8')
    stylesheetCache.set(file, css)
  }
  return css
}

export interface PageStyles {
  /** @font-face rules for the faces this page uses. */
  fontFaces: string
  /** Template numbers as custom properties. */
  variables: string
  /** @page rules (print only). */
  pageRules?: string
}

function documentHtml(context: BuildContext, styles: PageStyles, bodyClass: string, content: ElementContent[]): string {
  const {meta} = context.document
  const css = [styles.fontFaces, styles.variables, ...context.template.stylesheets.map(readStylesheet), styles.pageRules ?? '']
    .filter(Boolean)
    .join('\n')
  const head: ElementContent[] = [
    h('meta', {charSet: 'utf-8'}),
    h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
    h('title', meta.title),
    ...(meta.issuer ? [h('meta', {name: 'author', content: meta.issuer})] : []),
    ...(meta.subject ? [h('meta', {name: 'description', content: meta.subject})] : []),
    ...(meta.keywords.length > 0 ? [h('meta', {name: 'keywords', content: meta.keywords.join(', ')})] : []),
    h('meta', {name: 'generator', content: 'paiban'}),
    h('style', css)
  ]
  const tree: HastRoot = {
    type: 'root',
    children: [{type: 'doctype'}, h('html', {lang: meta.lang}, [h('head', head), h('body', {className: [bodyClass]}, content)])]
  }
  return stringifier.stringify(tree)
}

/** A <section> of the printed body, and the ids of the blocks in it. */
interface Section {
  element: Element
  ids: string[]
}

/**
 * Split the body into the opening (the title and any text before the first
 * top-level heading) and one <section> per top-level heading, each on its own
 * named page when the template has running heads. With no text before it, the
 * first section opens under the title rather than leaving the title alone on a page.
 */
function sectioned(title: Element, body: SerializedBody, namedPages: boolean): Section[] {
  const [opening, ...sections] = body.runs.map((run, index) => ({...run, html: body.html[index] ?? ''}))
  const section = (run: BodyRun & {html: string}, index: number, withTitle = false): Section => ({
    element: h('section', {className: ['section'], ...(namedPages ? {style: `page: ${sectionPageName(index)}`} : {})}, [
      ...(withTitle ? [title] : []),
      raw(run.html)
    ]),
    ids: run.ids
  })
  const [first, ...rest] = sections
  if ((!opening || opening.nodes.length === 0) && first) return [section(first, 0, true), ...rest.map((run, index) => section(run, index + 1))]
  return [
    {element: h('section', {className: ['opening']}, [title, ...(opening && opening.nodes.length > 0 ? [raw(opening.html)] : [])]), ids: opening?.ids ?? []},
    ...sections.map((run, index) => section(run, index))
  ]
}

/** The title at the head of the body; only the title is a heading (and a bookmark). */
function titleBlock(context: BuildContext): Element {
  const {meta} = context.document
  return h('header', {className: ['doc-title']}, [
    h('h1', meta.title),
    ...(meta.subtitle ? [h('p', {className: ['doc-subtitle']}, meta.subtitle)] : [])
  ])
}

/** The body as printed: title, opening, sections. */
export function bodyPage(context: BuildContext, body: SerializedBody, styles: PageStyles, blanksBefore: ReadonlySet<string> = new Set()): string {
  const pageStyles = blanksBefore.size > 0 ? {...styles, pageRules: `${styles.pageRules ?? ''}\n${blankPageRules()}`} : styles
  return documentHtml(context, pageStyles, 'print body', [
    h('main', withBlankPages(sectioned(titleBlock(context), body, usesSectionPages(context.template)), blanksBefore))
  ])
}

/**
 * The body in two parts, cut before top-level section `cut` (at least 1, so
 * the title stays in the first): the first set as bodyPage sets it, the rest
 * on its own, each section on the named page it has in the whole body.
 * Sections start on a new page, so each part breaks its pages as the whole
 * body would (write/pdf/parts.ts).
 */
export function bodyPageParts(context: BuildContext, body: SerializedBody, styles: {first: PageStyles; rest: PageStyles}, cut: number): [string, string] {
  const sections = sectioned(titleBlock(context), body, usesSectionPages(context.template))
  // The opening, when there is one, comes before the top-level sections.
  const end = sections.length - (body.runs.length - 1) + cut
  const part = (from: number, to: number, partStyles: PageStyles): string =>
    documentHtml(context, partStyles, 'print body', [h('main', sections.slice(from, to).map((section) => section.element))])
  return [part(0, end, styles.first), part(end, sections.length, styles.rest)]
}

/**
 * The furniture of a later part's pages, to be added to the front's page:
 * one empty block per page on its named page (furniturePageRules), and the
 * furniture's characters set unseen in their fonts, as the body sets them.
 */
export function furnitureMarkup(template: ResolvedTemplate, title: string, pages: FurniturePage[]): string {
  const characters = [...new Set(pages.map((page) => template.pageNumber.format.replace('{page}', String(page.number)) + (page.section ?? '')).join('') + title)].join('')
  const hidden = (font: string): Element => h('div', {className: ['furniture-characters'], style: `font-family: '${font}'`}, characters)
  return stringifier.stringify({
    type: 'root',
    children: [
      hidden(template.runningHead.font.cssFamily),
      hidden(template.pageNumber.font.cssFamily),
      ...pages.map((_, index) => h('div', {className: ['furniture-page'], style: `page: ${furniturePageName(index)}`}))
    ]
  })
}

/**
 * A blank page before each section whose heading is in `before`, so that it
 * starts on a right-hand page: Chromium ignores `break-before: right`, so the
 * PDF writer asks for these after reading where the sections fell.
 */
function withBlankPages(sections: Section[], before: ReadonlySet<string>): Element[] {
  if (before.size === 0) return sections.map((section) => section.element)
  return sections.flatMap(({element, ids}) => {
    const opensWith = ids.some((id) => before.has(id))
    return opensWith ? [h('div', {className: ['recto-blank'], ariaHidden: 'true'}), element] : [element]
  })
}

function cover(context: BuildContext): Element {
  const {meta} = context.document
  const imprint = [meta.issuer, meta.date ? formatDate(meta.date) : undefined].filter((line): line is string => Boolean(line))
  return h('header', {className: ['cover']}, [
    h('div', {className: ['cover-head']}, [
      h('div', {className: ['cover-title']}, meta.title),
      ...(meta.subtitle ? [h('div', {className: ['cover-subtitle']}, meta.subtitle)] : [])
    ]),
    h('div', {className: ['cover-imprint']}, imprint.map((line) => h('p', line)))
  ])
}

/**
 * The 目录. With `pages`, each entry carries its page number and links to a
 * `paiban:dest/<id>` URI that post-processing turns into an internal link;
 * without, entries link to the anchors (the web page).
 */
function tableOfContents(context: BuildContext, pages: ReadonlyMap<string, number> | undefined): Element {
  const {toc} = context.template
  const entries = tocEntries(context.document.outline, toc.depth)
  return h('nav', {className: ['toc'], ariaLabel: toc.title}, [
    h('h1', toc.title),
    h(
      'ol',
      entries.map((entry) =>
        h('li', [
          h('a', {className: ['toc-entry', `level-${entry.level}`, pages && wrapsInToc(context, entry) ? 'wrapped' : 'one-line'], href: pages ? `paiban:dest/${entry.id}` : `#${entry.id}`, style: tocDigits(pages?.get(entry.id))}, [
            h('span', {className: ['toc-line']}, [h('span', {className: ['toc-text']}, entry.text), h('span', {className: ['toc-leader']})]),
            h('span', {className: ['toc-page']}, pages ? String(pages.get(entry.id) ?? '') : '')
          ])
        ])
      )
    )
  ])
}

/**
 * Whether a 目录 entry's title takes more than one line: a row of title,
 * leader (2 em at least, 0.4 em either side) and number, in the type area
 * less a level-2 entry's indent. Han characters and full-width marks are
 * 1 em, others taken as 0.6 em, with 1 em to spare: a title near the edge is
 * set as wrapped, which looks the same on one line.
 */
function wrapsInToc(context: BuildContext, entry: OutlineEntry): boolean {
  const {page, toc} = context.template
  const measure = typeWidthPt(page) / toc.entry.sizePt
  let ems = 0
  for (const character of entry.text) ems += (character.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.6
  const room = measure - (entry.level > 1 ? 2 : 0) - 2.8 - 3 * 0.6
  return ems + 1 > room
}

/** The width of an entry's number, for where its leader ends (styles/base.css). */
function tocDigits(page: number | undefined): string | undefined {
  return page === undefined ? undefined : `--toc-digits: ${String(page).length}`
}

/**
 * Cover and 目录 as printed. `blankAfterCover` keeps the 目录 on a right-hand page.
 */
export function frontPage(context: BuildContext, pages: ReadonlyMap<string, number>, styles: PageStyles): string {
  const {template} = context
  const content: Element[] = []
  if (template.cover.show) {
    content.push(cover(context))
    if (template.page.twoSided) content.push(h('div', {className: ['blank-page']}))
  }
  if (template.toc.show && context.document.outline.length > 0) content.push(tableOfContents(context, pages))
  return documentHtml(context, styles, 'print front', content)
}

/** The web page: cover, 目录 with anchors, body, in one column. */
export function webPage(context: BuildContext, body: SerializedBody, styles: PageStyles): string {
  const {template} = context
  return documentHtml(context, styles, 'web-page', [
    h('div', {className: ['web']}, [
      ...(template.cover.show ? [cover(context)] : [titleBlock(context)]),
      ...(template.toc.show && context.document.outline.length > 0 ? [tableOfContents(context, undefined)] : []),
      h('main', body.html.map(raw))
    ])
  ])
}
