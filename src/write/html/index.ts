import path from 'node:path'
import type {Root as HastRoot} from 'hast'
import {toString} from 'mdast-util-to-string'
import {visit} from 'unist-util-visit'
import type {BuildContext} from '../../context.js'
import {codePointsOf, facesFor, fontFaceCss, fontFaces, uncovered, type FontFaceFile} from './fonts.js'
import {bodyPage, frontPage, webPage} from './page.js'
import {bodyPageRules, frontPageRules, templateRules, templateVariables} from './template-css.js'
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
  const points = codePointsOf(typesetText(context))
  const allFaces = template.fonts.flatMap((font) => fontFaces(font))
  const faces = facesFor(allFaces, points)
  const printUrl = (face: FontFaceFile): string => `/fonts/${path.basename(face.file)}`
  const webUrl = (face: FontFaceFile): string => `assets/fonts/${path.basename(face.file)}`
  const variables = `${templateVariables(template)}\n${templateRules(template)}`
  const printFonts = new Map(faces.map((face) => [printUrl(face), face.file]))

  const printBodyTree = structuredClone(body)
  rewriteImages(printBodyTree, (src) => `/source/${src}`)
  const bodyStyles = {
    fontFaces: fontFaceCss(faces, printUrl),
    variables,
    pageRules: bodyPageRules(template, document.meta.title, document.outline)
  }
  const printBody = bodyPage(context, printBodyTree, bodyStyles)
  const frontStyles = {fontFaces: fontFaceCss(faces, printUrl), variables, pageRules: frontPageRules(template)}

  const webAssets: WebAsset[] = faces.map((face) => ({from: face.file, to: webUrl(face)}))
  rewriteImages(body, (src) => {
    const to = `${options.name}.assets/${src}`
    webAssets.push({from: path.resolve(context.sourceDirectory, src), to})
    return to
  })
  const web = webPage(context, body, {fontFaces: fontFaceCss(faces, webUrl), variables})

  return {
    printBody,
    printBodyWithBlanks: (before) => bodyPage(context, printBodyTree, bodyStyles, before),
    printFront: (pages) => frontPage(context, pages, frontStyles),
    printFonts,
    web,
    webAssets,
    missingGlyphs: uncovered(allFaces, points)
  }
}

/** Point local images at where each output serves them from. */
function rewriteImages(tree: HastRoot, rewrite: (src: string) => string): void {
  visit(tree, 'element', (node) => {
    const src = node.properties['src']
    if (node.tagName === 'img' && typeof src === 'string' && !src.startsWith('data:')) {
      node.properties['src'] = rewrite(decodeURI(src).replace(/^\.\//, ''))
    }
  })
}
