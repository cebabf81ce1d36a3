import {existsSync} from 'node:fs'
import {mkdtemp, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import puppeteer, {type Browser} from 'puppeteer'
import {PaibanError} from '../../errors.js'

/**
 * Flags for headless Chromium on a closed network: without the
 * background-networking ones it stalls on connections that are refused.
 */
export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none'
]

const systemBrowsers = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']

function onPath(command: string): string | undefined {
  for (const directory of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (!directory) continue
    const candidate = path.join(directory, command)
    if (existsSync(candidate)) return candidate
  }
  return undefined
}

/**
 * Chromium, in this order: PUPPETEER_EXECUTABLE_PATH, the browser Puppeteer
 * downloaded (on a machine with internet), then the system's.
 */
export function findChromium(): string {
  const fromEnvironment = process.env['PUPPETEER_EXECUTABLE_PATH']
  if (fromEnvironment) {
    if (existsSync(fromEnvironment)) return fromEnvironment
    throw new PaibanError('E_BROWSER_MISSING', `PUPPETEER_EXECUTABLE_PATH names ${fromEnvironment}, which does not exist`, {
      hint: 'Point PUPPETEER_EXECUTABLE_PATH at a Chromium or Chrome executable, or unset it.'
    })
  }
  try {
    const downloaded = puppeteer.executablePath()
    if (downloaded && existsSync(downloaded)) return downloaded
  } catch {
    // No downloaded browser: fall through to the system's.
  }
  for (const command of systemBrowsers) {
    const found = onPath(command)
    if (found) return found
  }
  throw new PaibanError('E_BROWSER_MISSING', 'No Chromium or Chrome found', {
    hint:
      'Install one: `apt-get install chromium` (Debian/Ubuntu), or `npx puppeteer browsers install chrome` ' +
      'where the internet is reachable, or set PUPPETEER_EXECUTABLE_PATH.'
  })
}

/** A browser with its own throw-away profile; close() removes both. */
export interface BrowserSession {
  browser: Browser
  close(): Promise<void>
}

export async function launchBrowser(): Promise<BrowserSession> {
  const executablePath = findChromium()
  // A fresh profile per launch: a reused one makes Chromium wait on locks and old state.
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'paiban-chromium-'))
  let browser: Browser
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      userDataDir,
      args: chromiumFlags,
      timeout: 60_000
    })
  } catch (error) {
    await rm(userDataDir, {recursive: true, force: true})
    throw new PaibanError('E_BROWSER', `Chromium (${executablePath}) did not start: ${(error as Error).message.split('\n')[0]}`, {
      hint: 'Check that the browser runs: `chromium --headless --no-sandbox --dump-dom about:blank`.',
      cause: error
    })
  }
  return {
    browser,
    async close() {
      await browser.close().catch(() => undefined)
      await rm(userDataDir, {recursive: true, force: true})
    }
  }
}
