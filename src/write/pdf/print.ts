import type {Browser} from 'puppeteer'
import {PaibanError} from '../../errors.js'
import {printOrigin, serveFrom, type PageResources} from './serve.js'

export interface PrintOptions {
  /** Bookmarks from h1–h6 (Chromium builds them). */
  outline: boolean
  /** Where the page came from, for messages. */
  fileName: string
}

/**
 * Print one HTML document of `resources` to PDF. Page JavaScript stays off:
 * nothing in our pages needs it, and a document cannot run any.
 */
export async function printPage(browser: Browser, resources: PageResources, documentPath: string, options: PrintOptions): Promise<Uint8Array> {
  const page = await browser.newPage()
  const blocked: string[] = []
  try {
    await page.setJavaScriptEnabled(false)
    await serveFrom(page, resources, blocked)
    await page.goto(`${printOrigin}${documentPath}`, {waitUntil: 'load', timeout: 120_000})
    const failedFonts = await page.evaluate(async () => {
      await document.fonts.ready
      return [...document.fonts].filter((face) => face.status === 'error').map((face) => face.family)
    })
    if (failedFonts.length > 0) {
      throw new PaibanError('E_FONT_MISSING', `Font ${[...new Set(failedFonts)].join(', ')} did not load`, {
        place: options.fileName,
        hint: 'Reinstall the font packages (`npm ci`) or fix the template’s font files.'
      })
    }
    const pdf = await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      outline: options.outline,
      tagged: true,
      timeout: 600_000
    })
    if (blocked.length > 0) {
      throw new PaibanError('E_RESOURCE_BLOCKED', `The document asks for ${blocked[0]}${blocked.length > 1 ? ` and ${blocked.length - 1} more` : ''}, which paiban does not load`, {
        place: options.fileName,
        hint: 'paiban loads nothing from the network or outside the project: use files beside the document.'
      })
    }
    return pdf
  } finally {
    await page.close().catch(() => undefined)
  }
}
