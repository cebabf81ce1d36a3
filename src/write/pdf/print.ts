import {PaibanError} from '../../errors.js'
import type {BrowserSession} from './browser.js'
import type {PrintSite} from './serve.js'

/** What can travel to the page and back as JSON. */
export type JsonValue = string | number | boolean | null | JsonValue[] | {[key: string]: JsonValue}

export interface PrintOptions {
  /**
   * A tagged PDF, with bookmarks from h1–h6 (Chromium builds them from the
   * tags). Untagged prints faster: the front pages are, as their tags would
   * not survive being put before the body's.
   */
  tagged: boolean
}

/** A tab with one of our documents loaded, its fonts ready, to print once or more. */
export interface LoadedPage {
  /** Change the loaded document (DevTools runs this even with the page's own JavaScript off), then wait for any fonts it needs. */
  update<Argument extends JsonValue>(change: (argument: Argument) => void, argument: Argument): Promise<void>
  print(options: PrintOptions): Promise<Uint8Array>
  /** Load another page of the site in this tab (same renderer: fonts already decoded), and wait for its fonts. */
  navigate(pagePath: string): Promise<void>
  close(): Promise<void>
}

/**
 * Open a tab on one page of `site` and wait for its fonts. Page JavaScript
 * is off in the whole browser: nothing in our pages needs it, and a
 * document cannot run any. `fileName`: where the page came from, for messages.
 */
export async function loadPage(session: BrowserSession, site: PrintSite, pagePath: string, fileName: string): Promise<LoadedPage> {
  const page = await session.open(site.url(pagePath))
  const fontsReady = async (): Promise<void> => {
    const failedFonts = await page.evaluate(async () => {
      await document.fonts.ready
      return [...document.fonts].filter((face) => face.status === 'error').map((face) => face.family)
    })
    if (failedFonts.length > 0) {
      throw new PaibanError('E_FONT_MISSING', `Font ${[...new Set(failedFonts)].join(', ')} did not load`, {
        place: fileName,
        hint: 'Reinstall the font packages (`npm ci`) or fix the template’s font files.'
      })
    }
  }
  try {
    await fontsReady()
  } catch (error) {
    await page.close().catch(() => undefined)
    throw error
  }
  return {
    async update(change, argument) {
      await page.evaluate(change as (argument: JsonValue) => void, argument)
      await fontsReady()
    },
    async print(options) {
      const pdf = await page.pdf({
        preferCSSPageSize: true,
        printBackground: true,
        outline: options.tagged,
        tagged: options.tagged,
        timeout: 600_000
      })
      const {blocked} = site
      if (blocked.length > 0) {
        throw new PaibanError('E_RESOURCE_BLOCKED', `The document asks for ${blocked[0]}${blocked.length > 1 ? ` and ${blocked.length - 1} more` : ''}, which paiban does not load`, {
          place: fileName,
          hint: 'paiban loads nothing from the network or outside the project: use files beside the document.'
        })
      }
      return pdf
    },
    async navigate(pagePath) {
      await page.goto(site.url(pagePath), {waitUntil: 'load', timeout: 120_000})
      await fontsReady()
    },
    async close() {
      await page.close().catch(() => undefined)
    }
  }
}

/** Load one page of `site`, print it to PDF, close its tab. */
export async function printPage(session: BrowserSession, site: PrintSite, pagePath: string, options: PrintOptions & {fileName: string}): Promise<Uint8Array> {
  const loaded = await loadPage(session, site, pagePath, options.fileName)
  try {
    return await loaded.print(options)
  } finally {
    await loaded.close()
  }
}
