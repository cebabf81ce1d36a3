import path from 'node:path'
import type {Element} from 'hast'
import {toString} from 'mdast-util-to-string'
import type {BuildContext} from '../../context.js'
import {codePointsOf, fontCoverage, fontFaceCss, fontFaces, type FontFaceFile} from './fonts.js'
import {bodyPage, bodyPageParts, bodyRuns, frontPage, furnitureMarkup, serializeRun, webPage, type BodyRun} from './page.js'
import {bodyPageRules, contentPageRules, frontPageRules, furniturePageRules, templateRules, templateVariables, type FurniturePage} from './template-css.js'
import {keepMarksOffLineStart} from './line-start.js'
import {wrapRunInHeadings} from './run-in.js'
import {toHast} from './to-hast.js'

export interface HtmlOptions {
  /** Base name of the outputs (`zhuti-jiaoyu`): the web page's assets go in `<name>.assets/`. */
  name: string
}

/** A file the web page needs beside it: copy `from` to `<out>/<to>`. */
export interface WebAsset {
  from: string
  to: string
}

export interface HtmlOutput {
  /** The body as printed (sections on named pages, running heads, page numbers). */
  printBody: string
  /** The body with a blank page (no running head, no number) before each section named, so it starts on a right-hand page. */
  printBodyWithBlanks(before: ReadonlySet<string>): string
  /** Cover and 目录 as printed, given each heading's page number. */
  printFront(pages: ReadonlyMap<string, number>): string
  /**
   * The length of each run's HTML (the opening's, then each top-level
   * section's): how much a part of the body gives Chromium to lay out.
   */
  runWeights: number[]
  /**
   * The body in two parts, cut before top-level section `cut` (≥ 1): the first
   * as printBody prints it, the rest with nothing in its margins (its furniture
   * is printed with the front, `furniture`, and laid over it).
   */
  printBodyParts(cut: number): [string, string]
  /** Whether the body links within itself (`#id`): such a link cannot point across parts. */
  internalLinks: boolean
  /** CSS and markup to add to the front's page: the furniture of the rest's pages, one page each. */
  furniture(pages: FurniturePage[]): {css: string; markup: string}
  /** Font files the printed pages load, by URL path (`/fonts/<file>`). */
  printFonts: Map<string, string>
  /** The web page. */
  web: string
  webAssets: WebAsset[]
  /** Characters that none of the template's fonts has. */
  missingGlyphs: number[]
}

/** Everything that will be set in type: body, metadata, running heads, 目录, page numbers. */
function typesetText(context: BuildContext): string {
  const {document, template} = context
  const {meta} = document
  return [
    toString(document.tree),
    meta.title,
    meta.subtitle ?? '',
    meta.issuer ?? '',
    meta.date ?? '',
    '年月日0123456789',
    template.toc.title,
    template.pageNumber.format,
    ...document.outline.map((entry) => entry.text)
  ].join('')
}

export function writeHtml(context: BuildContext, options: HtmlOptions): HtmlOutput {
  const {document, template} = context
  const body = toHast(document.tree, document.outline)
  wrapRunInHeadings(body, template)
  keepMarksOffLineStart(body)
  const points = codePointsOf(typesetText(context))
  const allFaces = template.fonts.flatMap((font) => fontFaces(font))
  const {used: faces, uncovered} = fontCoverage(allFaces, points)
  const printUrl = (face: FontFaceFile): string => `/fonts/${path.basename(face.file)}`
  const webUrl = (face: FontFaceFile): string => `assets/fonts/${path.basename(face.file)}`
  const variables = `${templateVariables(template)}\n${templateRules(template)}`
  const printFonts = new Map(faces.map((face) => [printUrl(face), face.file]))
  const printFontFaces = fontFaceCss(faces, printUrl)

  // The print pages and the web page differ only in where images are served
  // from: each run of the body (the opening, a section) is serialized once,
  // and once more for the web page only when it holds an image.
  const webAssets: WebAsset[] = faces.map((face) => ({from: face.file, to: webUrl(face)}))
  const runs = bodyRuns(body, document.outline)
  const images = localImages(runs)
  const printSources = images.map(({src}) => `/source/${src}`)
  const webSources = images.map(({src}) => {
    const to = `${options.name}.assets/${src}`
    webAssets.push({from: path.resolve(context.sourceDirectory, src), to})
    return to
  })
  const setSources = (sources: string[]): void => images.forEach(({node}, index) => (node.properties['src'] = sources[index]))
  setSources(printSources)
  const printHtml = runs.map(serializeRun)
  setSources(webSources)
  const withImages = new Set(images.map(({run}) => run))
  const printRuns = {runs, html: printHtml}
  const webRuns = {runs, html: runs.map((run, index) => (withImages.has(index) ? serializeRun(run) : (printHtml[index] ?? '')))}

  const bodyStyles = {fontFaces: printFontFaces, variables, pageRules: bodyPageRules(template, document.meta.title, document.outline)}
  const printBody = bodyPage(context, printRuns, bodyStyles)
  const frontStyles = {fontFaces: printFontFaces, variables, pageRules: frontPageRules(template)}
  const web = webPage(context, webRuns, {fontFaces: fontFaceCss(faces, webUrl), variables})

  return {
    printBody,
    printBodyWithBlanks: (before) => bodyPage(context, printRuns, bodyStyles, before),
    printFront: (pages) => frontPage(context, pages, frontStyles),
    runWeights: printHtml.map((html) => html.length),
    internalLinks: printHtml.some((html) => html.includes('href="#')),
    printBodyParts: (cut) => {
      // The first part's @page rules name its own sections only: Chromium weighs every rule on every page.
      const restStarts = document.outline.filter((entry) => entry.level === 1)[cut]
      const firstOutline = restStarts ? document.outline.slice(0, document.outline.indexOf(restStarts)) : document.outline
      const first = {...bodyStyles, pageRules: bodyPageRules(template, document.meta.title, firstOutline)}
      return bodyPageParts(context, printRuns, {first, rest: {fontFaces: printFontFaces, variables, pageRules: contentPageRules(template)}}, cut)
    },
    furniture: (pages) => ({css: furniturePageRules(template, document.meta.title, pages), markup: furnitureMarkup(template, document.meta.title, pages)}),
    printFonts,
    web,
    webAssets,
    missingGlyphs: uncovered
  }
}

/**
 * The local images of the body (a `src` that is not a `data:` URL), in
 * document order, each with its source-relative path and the run that holds it.
 */
function localImages(runs: BodyRun[]): Array<{node: Element; src: string; run: number}> {
  const images: Array<{node: Element; src: string; run: number}> = []
  const walk = (node: Element, run: number): void => {
    const src = node.properties['src']
    if (node.tagName === 'img' && typeof src === 'string' && !src.startsWith('data:')) {
      images.push({node, src: decodeURI(src).replace(/^\.\//, ''), run})
    }
    for (const child of node.children) if (child.type === 'element') walk(child, run)
  }
  runs.forEach(({nodes}, run) => {
    for (const node of nodes) if (node.type === 'element') walk(node, run)
  })
  return images
}
