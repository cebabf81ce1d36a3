import type {BuildContext} from '../context.js'
import {writeHtml, type HtmlOutput} from '../write/html/index.js'
import {missingGlyphError} from '../write/html/missing-glyphs.js'
import type {BrowserSession} from '../write/pdf/browser.js'
import {writePdf} from '../write/pdf/index.js'

/**
 * The redline for reading: the merged tree through the same HTML writer and
 * template as a build, with `<ins>`/`<del>` and `data-revision` styled by
 * styles/redline.css (the redline's template lists it after the others).
 * The PDF is that page printed, as `paiban build` prints.
 */

export function redlineHtml(context: BuildContext, name: string): HtmlOutput {
  const html = writeHtml(context, {name})
  if (html.missingGlyphs.length > 0) throw missingGlyphError(html.missingGlyphs, undefined, context.document.file.path ?? name, context.template)
  return html
}


export async function redlinePdf(context: BuildContext, html: HtmlOutput, session: BrowserSession, producer: string): Promise<{bytes: Uint8Array; pages: number}> {
  const pdf = await writePdf(context, html, session, {producer})
  return {bytes: pdf.bytes, pages: pdf.pageCount}
}
