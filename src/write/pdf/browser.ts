import {spawn} from 'node:child_process'
import {existsSync, rmSync} from 'node:fs'
import {mkdtemp, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type {Readable, Writable} from 'node:stream'
import type {Browser, ConnectionTransport, Page} from 'puppeteer'
import {PaibanError} from '../../errors.js'

/**
 * Flags for headless Chromium on a closed network: without the
 * background-networking ones it stalls on connections that are refused.
 * The bench's floor runs Chromium with these too.
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

/**
 * What Puppeteer's own launcher adds for a browser driven over the DevTools
 * protocol (puppeteer-core's ChromeLauncher.defaultArgs, 24.x), less what
 * only matters to a visible browser. We start Chromium ourselves so it
 * boots while Node is still loading Puppeteer.
 */
const automationFlags = [
  '--headless=new',
  '--hide-scrollbars',
  '--mute-audio',
  '--allow-pre-commit-input',
  // A tab printing in the background (the cover and 目录 load while the body prints) must not be throttled.
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  '--disable-ipc-flooding-protection',
  '--disable-hang-monitor',
  '--disable-breakpad',
  '--disable-crash-reporter',
  '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-search-engine-choice-screen',
  '--metrics-recording-only',
  '--password-store=basic',
  '--use-mock-keychain',
  '--export-tagged-pdf',
  '--generate-pdf-document-outline',
  '--force-color-profile=srgb',
  '--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIReloadButton,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes',
  '--enable-features=PdfOopif',
  '--remote-debugging-pipe'
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

/** Where Puppeteer keeps the browsers it downloads (its default, or PUPPETEER_CACHE_DIR). */
function puppeteerCache(): string {
  return process.env['PUPPETEER_CACHE_DIR'] ?? path.join(os.homedir(), '.cache', 'puppeteer')
}

/**
 * Chromium, in this order: PUPPETEER_EXECUTABLE_PATH, the browser Puppeteer
 * downloaded (on a machine with internet), then the system's. Puppeteer is
 * only loaded to ask for its download when it has a cache to look in.
 */
export async function findChromium(): Promise<string> {
  const fromEnvironment = process.env['PUPPETEER_EXECUTABLE_PATH']
  if (fromEnvironment) {
    if (existsSync(fromEnvironment)) return fromEnvironment
    throw new PaibanError('E_BROWSER_MISSING', `PUPPETEER_EXECUTABLE_PATH names ${fromEnvironment}, which does not exist`, {
      hint: 'Point PUPPETEER_EXECUTABLE_PATH at a Chromium or Chrome executable, or unset it.'
    })
  }
  if (existsSync(puppeteerCache())) {
    try {
      const {default: puppeteer} = await import('puppeteer')
      const downloaded = puppeteer.executablePath()
      if (downloaded && existsSync(downloaded)) return downloaded
    } catch {
      // No downloaded browser: fall through to the system's.
    }
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

/** The tab each browser starts with, until a print takes it. */
const startingTabs = new WeakMap<Browser, Page>()

/** A tab to print in: the browser's starting tab the first time (opening one costs a tenth of a second), then new ones. */
export async function openTab(browser: Browser): Promise<Page> {
  const blank = startingTabs.get(browser)
  if (!blank) return browser.newPage()
  startingTabs.delete(browser)
  return blank
}

/** A browser with its own throw-away profile; close() ends both. */
export interface BrowserSession {
  browser: Browser
  close(): Promise<void>
}

/**
 * Start Chromium, then load Puppeteer and connect to it over a pipe: the
 * browser boots on one core while Node loads Puppeteer on the other, where
 * `puppeteer.launch` would load first and start the browser after.
 */
export async function launchBrowser(): Promise<BrowserSession> {
  const executablePath = await findChromium()
  // A fresh profile per launch: a reused one makes Chromium wait on locks and old state.
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'paiban-chromium-'))
  const child = spawn(executablePath, [...chromiumFlags, ...automationFlags, `--user-data-dir=${userDataDir}`, 'about:blank'], {
    // fd 3: our messages to the browser, fd 4: its messages to us (--remote-debugging-pipe).
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    // Its own process group, so that closing ends every Chromium process at once (as Puppeteer does).
    detached: true
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  // Should Node end without close() (an uncaught error), the browser ends with it.
  const killNow = (): void => {
    if (child.pid === undefined) return
    try {
      process.kill(-child.pid, 'SIGKILL')
    } catch {
      // The group is gone already.
    }
  }
  const killOnExit = (): void => {
    killNow()
    rmSync(userDataDir, {recursive: true, force: true, maxRetries: 5})
  }
  process.once('exit', killOnExit)
  const kill = async (): Promise<void> => {
    process.off('exit', killOnExit)
    killNow()
    await exited
    // A helper process may finish a last write as it dies: retry, and never fail a build over a temporary folder.
    await rm(userDataDir, {recursive: true, force: true, maxRetries: 5, retryDelay: 20}).catch(() => undefined)
  }
  // Chromium's own messages, kept for the error if it does not start.
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)))
  try {
    const {default: puppeteer} = await import('puppeteer')
    const transport = new PipeTransport(child.stdio[3] as Writable, child.stdio[4] as Readable)
    const failed = new Promise<never>((_resolve, reject) => {
      child.once('error', reject)
      void exited.then(() => reject(new Error(`it exited (${child.exitCode ?? child.signalCode})`)))
    })
    const timeout = setTimeout(killNow, 60_000)
    const browser = await Promise.race([puppeteer.connect({transport, defaultViewport: null}), failed]).finally(() => clearTimeout(timeout))
    failed.catch(() => undefined)
    const [blank] = await browser.pages()
    if (blank) startingTabs.set(browser, blank)
    return {
      browser,
      // Nothing in the profile is worth a graceful shutdown: the outputs are written by then.
      close: async () => {
        await browser.disconnect().catch(() => undefined)
        await kill()
      }
    }
  } catch (error) {
    await kill()
    const detail = stderr.trim().split('\n').filter(Boolean).at(-1)
    throw new PaibanError('E_BROWSER', `Chromium (${executablePath}) did not start: ${(error as Error).message.split('\n')[0]}${detail ? ` — ${detail}` : ''}`, {
      hint: 'Check that the browser runs: `chromium --headless --no-sandbox --dump-dom about:blank`.',
      cause: error
    })
  }
}

/** The DevTools protocol over Chromium's pipe: JSON messages, each ended by a NUL byte. */
class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void
  onclose?: () => void
  readonly #writable: Writable
  #pending: Buffer[] = []

  constructor(writable: Writable, readable: Readable) {
    this.#writable = writable
    readable.on('data', (chunk: Buffer) => this.#receive(chunk))
    readable.once('close', () => this.onclose?.())
    // A closed pipe shows as 'close'; its errors (EPIPE as Chromium exits) say nothing more.
    readable.on('error', () => undefined)
    writable.on('error', () => undefined)
  }

  send(message: string): void {
    this.#writable.write(`${message}\0`)
  }

  close(): void {
    this.#writable.end()
  }

  #receive(chunk: Buffer): void {
    let start = 0
    let end = chunk.indexOf(0)
    while (end !== -1) {
      const message = Buffer.concat([...this.#pending, chunk.subarray(start, end)]).toString('utf8')
      this.#pending = []
      this.onmessage?.(message)
      start = end + 1
      end = chunk.indexOf(0, start)
    }
    if (start < chunk.length) this.#pending.push(chunk.subarray(start))
  }
}
