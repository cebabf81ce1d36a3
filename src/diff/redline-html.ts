import {copyFile, mkdir} from 'node:fs/promises'
import path from 'node:path'
import type {Browser} from 'puppeteer'
import type {BuildContext} from '../context.js'
import {PaibanError} from '../errors.js'
import {isInside} from '../fs.js'
import {writeHtml, type HtmlOutput} from '../write/html/index.js'
import {writePdf} from '../write/pdf/index.js'

/**
 * The redline for reading: the merged tree through the same HTML writer and
 * template as a build, with `<ins>`/`<del>` and `data-revision` styled by
 * styles/redline.css (the redline's template lists it after the others).
 * The PDF is that page printed, as `paiban build` prints.
 */

export function redlineHtml(context: BuildContext, name: string): HtmlOutput {
  const html = writeHtml(context, {name})
  if (html.missingGlyphs.length > 0) {
    const list = html.missingGlyphs.slice(0, 5).map((point) => `“${String.fromCodePoint(point)}” (U+${point.toString(16).toUpperCase().padStart(4, '0')})`)
    throw new PaibanError('E_MISSING_GLYPH', `No font of the template has ${list.join(', ')}`, {
      place: context.document.file.path ?? name,
      hint: 'Replace these characters in the text, or add a font that has them to the template.'
    })
  }
  return html
}

/** The web page's fonts and images, copied beside it as the page names them. */
export async function copyWebAssets(html: HtmlOutput, context: BuildContext, outDir: string): Promise<void> {
  for (const asset of html.webAssets) {
    if (!isInside(context.projectRoot, asset.from) && !asset.to.startsWith('assets/fonts/')) {
      throw new PaibanError('E_RESOURCE_BLOCKED', `Image ${asset.from} lies outside the project`, {
        place: context.document.file.path ?? asset.from,
        hint: 'Keep images inside the repository, beside the text.'
      })
    }
    const target = path.join(outDir, asset.to)
    await mkdir(path.dirname(target), {recursive: true})
    await copyFile(asset.from, target)
  }
}

export async function redlinePdf(context: BuildContext, html: HtmlOutput, browser: Browser, producer: string): Promise<{bytes: Uint8Array; pages: number}> {
  const pdf = await writePdf(context, html, browser, {producer})
  return {bytes: pdf.bytes, pages: pdf.pageCount}
}
