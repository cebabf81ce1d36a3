import {spawn} from 'node:child_process'
import {existsSync, readlinkSync, rmSync} from 'node:fs'
import {mkdtemp, readlink, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type {Readable, Writable} from 'node:stream'
import type {Browser, ConnectionTransport, Page} from 'puppeteer'
import {PaibanError} from '../../errors.js'
import {startPrintServer, type PrintSite} from './serve.js'

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
 * boots, and opens the body, while Node makes the HTML and loads Puppeteer.
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

/** A browser with its own throw-away profile and its print server; close() ends all three. */
export interface BrowserSession {
  /** A site for one document's pages. The first one's `/body.html` is the page the browser opened with. */
  site(): PrintSite
  /** A tab with this page loaded (and its `load` event past). */
  open(url: string): Promise<Page>
  close(): Promise<void>
}

/**
 * Start the print server and Chromium, the browser already opening the
 * first site's body page: it boots and asks for that page while Node makes
 * the HTML (the server holds the request until the HTML is there). Puppeteer
 * is loaded and connected over a pipe when the first tab is asked for.
 */
export async function launchBrowser(): Promise<BrowserSession> {
  const executablePath = await findChromium()
  const server = await startPrintServer()
  const firstSite = server.site()
  const startUrl = firstSite.url('/body.html')
  // A fresh profile per launch: a reused one makes Chromium wait on locks and old state.
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'paiban-chromium-'))
  const child = spawn(
    executablePath,
    [
      ...chromiumFlags,
      ...automationFlags,
      // Every request goes to the print server, loopback ones too; pages run no JavaScript of their own.
      `--proxy-server=${server.proxy}`,
      '--proxy-bypass-list=<-loopback>',
      '--blink-settings=scriptEnabled=false',
      `--user-data-dir=${userDataDir}`,
      startUrl
    ],
    {
      // fd 3: our messages to the browser, fd 4: its messages to us (--remote-debugging-pipe).
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
      // Its own process group, so that closing ends every Chromium process at once (as Puppeteer does).
      detached: true
    }
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const failed = new Promise<never>((_resolve, reject) => {
    child.once('error', reject)
    void exited.then(() => reject(new Error(`it exited (${child.exitCode ?? child.signalCode})`)))
  })
  failed.catch(() => undefined)
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
    removeProfileNow(userDataDir)
  }
  process.once('exit', killOnExit)
  // Interrupted (Ctrl-C, a CI job cancelled): end the browser and remove its folders, as Puppeteer's
  // launcher does, unless the command handles the signal itself (watch closes its session then).
  const interrupted = (signal: NodeJS.Signals, code: number) => (): void => {
    if (process.listenerCount(signal) > 1) return
    process.exit(code)
  }
  const signals: Array<[NodeJS.Signals, () => void]> = [
    ['SIGINT', interrupted('SIGINT', 130)],
    ['SIGTERM', interrupted('SIGTERM', 143)],
    ['SIGHUP', interrupted('SIGHUP', 129)]
  ]
  for (const [signal, handler] of signals) process.on(signal, handler)
  // Chromium's own messages, kept for the error if it does not start.
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)))

  let connecting: Promise<Browser> | undefined
  const connect = (): Promise<Browser> => {
    connecting ??= (async () => {
      try {
        // Only connecting is needed here, and Puppeteer's browser entry does that alone: it loads in
        // about a third of the time of the whole package (its launcher, downloader and their modules).
        // (Its declarations are the sources', not the package's rolled-up types.d.ts: the same API, typed as Puppeteer's.)
        const {connect: connectOverPipe} = (await import('puppeteer-core/internal/puppeteer-core-browser.js')) as unknown as Pick<typeof import('puppeteer'), 'connect'>
        // Requests are the print server's business: Puppeteer need not follow each one (every font,
        // both ways over DevTools), nor the page's issues.
        const transport = new PipeTransport(child.stdio[3] as Writable, child.stdio[4] as Readable)
        const timeout = setTimeout(killNow, 60_000)
        return await Promise.race([connectOverPipe({transport, defaultViewport: null, networkEnabled: false, issuesEnabled: false}), failed]).finally(() => clearTimeout(timeout))
      } catch (error) {
        const detail = stderr.trim().split('\n').filter(Boolean).at(-1)
        throw new PaibanError('E_BROWSER', `Chromium (${executablePath}) did not start: ${(error as Error).message.split('\n')[0]}${detail ? ` — ${detail}` : ''}`, {
          hint: 'Check that the browser runs: `chromium --headless --no-sandbox --dump-dom about:blank`.',
          cause: error
        })
      }
    })()
    return connecting
  }

  let startTabTaken = false
  let sitesGiven = 0
  return {
    site: () => (sitesGiven++ === 0 ? firstSite : server.site()),
    async open(url) {
      const browser = await connect()
      if (url === startUrl && !startTabTaken) {
        startTabTaken = true
        const [tab] = await browser.pages()
        if (tab) {
          await loaded(tab, url)
          return tab
        }
      }
      const tab = await browser.newPage()
      try {
        await tab.goto(url, {waitUntil: 'load', timeout: 120_000})
      } catch (error) {
        await tab.close().catch(() => undefined)
        throw error
      }
      return tab
    },
    // Nothing in the profile is worth a graceful shutdown: every PDF is printed by then.
    async close() {
      process.off('exit', killOnExit)
      for (const [signal, handler] of signals) process.off(signal, handler)
      if (connecting) await (await connecting.catch(() => undefined))?.disconnect().catch(() => undefined)
      killNow()
      await Promise.all([exited, server.close()])
      await removeProfile(userDataDir)
    }
  }
}

/**
 * Remove a killed browser's profile and the folder of its singleton socket,
 * which Chromium makes in the temporary folder and links from the profile:
 * only a browser that exits by itself removes that one, and ours is killed.
 * A helper process may finish a last write as it dies: retry, and never fail
 * a build over a temporary folder. Without blocking: the last document's
 * outputs may be written meanwhile.
 */
async function removeProfile(userDataDir: string): Promise<void> {
  const socket = await readlink(path.join(userDataDir, 'SingletonSocket')).catch(() => undefined)
  await Promise.all(
    profileFolders(userDataDir, socket).map((folder) =>
      rm(folder, {recursive: true, force: true, maxRetries: 5, retryDelay: 20}).catch(() => {
        // Left for the system's temporary-file cleaning.
      })
    )
  )
}

/** The same, at once, as Node exits (nothing asynchronous runs then). */
function removeProfileNow(userDataDir: string): void {
  let socket: string | undefined
  try {
    socket = readlinkSync(path.join(userDataDir, 'SingletonSocket'))
  } catch {
    // No socket: the browser never got that far, or removed it itself.
  }
  for (const folder of profileFolders(userDataDir, socket)) {
    try {
      rmSync(folder, {recursive: true, force: true, maxRetries: 5, retryDelay: 20})
    } catch {
      // Left for the system's temporary-file cleaning.
    }
  }
}

/** The profile, and its socket's folder when the link points at one of Chromium's. */
function profileFolders(userDataDir: string, socket: string | undefined): string[] {
  const socketFolder = socket === undefined ? undefined : path.dirname(socket)
  return [userDataDir, ...(socketFolder && path.basename(socketFolder).startsWith('org.chromium.') ? [socketFolder] : [])]
}

/**
 * Wait until the tab the browser started with has loaded `url`. It was
 * opened from the command line, before Puppeteer was there to follow it, so
 * ask the page (DevTools evaluates with the page's JavaScript off).
 */
async function loaded(tab: Page, url: string): Promise<void> {
  const deadline = performance.now() + 120_000
  for (;;) {
    // While the page navigates, its old document goes away under the question: ask again.
    const [state, href] = await tab.evaluate(() => [document.readyState, location.href] as const).catch(() => ['', ''] as const)
    if (href === url && state === 'complete') return
    if (href.startsWith('chrome-error:')) throw new Error(`Chromium could not load ${url}`)
    if (performance.now() > deadline) throw new Error(`Chromium did not finish loading ${url} in 120 s`)
    await new Promise((resolve) => setTimeout(resolve, 10))
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
