import {randomBytes} from 'node:crypto'
import {readFile} from 'node:fs/promises'
import http from 'node:http'
import path from 'node:path'
import {isInside} from '../../fs.js'

/**
 * Chromium's only way out. The browser runs with this server as its proxy
 * for every request, loopback included (browser.ts), so whatever it asks for
 * arrives here: a site's pages, fonts and images are answered from memory
 * or from allowed folders; anything else is refused, and reported when a
 * document asked for it.
 *
 * A proxy rather than DevTools request interception: the browser can open
 * the first page from its command line as soon as it has booted, while
 * Node is still making the HTML and loading Puppeteer, and fonts reach it
 * without a round trip through DevTools as base64.
 */

/** Every page is served under this name, which no resolver knows (RFC 2606). */
const siteDomain = 'paiban.invalid'

export interface PageResources {
  /** Documents by path (`/body.html`). */
  documents: Map<string, string>
  /** Font files by URL path (`/fonts/<name>`). */
  fonts: Map<string, string>
  /** Folder that `/source/<path>` maps to (the document's folder). */
  sourceDirectory: string
  /** Nothing is served from outside these folders. */
  allowedRoots: string[]
}

/** One document's pages, on a host of their own. */
export interface PrintSite {
  /** The address of one of its pages (`/body.html`). */
  url(pagePath: string): string
  /**
   * Serve these from now on. A request that came before waits for them:
   * the browser may ask for the first page before its HTML is made.
   */
  serve(resources: PageResources): void
  /** What the site's pages asked for and were refused. */
  readonly blocked: readonly string[]
  /** Stop serving it and let go of its pages (a request still waiting gets a 404). */
  close(): void
}

export interface PrintServer {
  /** For Chromium's `--proxy-server`. */
  readonly proxy: string
  /** A new site. */
  site(): PrintSite
  close(): Promise<void>
}

const contentTypes: Record<string, string> = {
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp'
}

interface SiteState {
  resources: PageResources | undefined
  /** Resolves once resources are served or the site is closed. */
  ready: Promise<void>
  settle: () => void
  blocked: string[]
}

/**
 * Start the server on a free loopback port. Site host names carry a random
 * token, so another process on this machine that finds the port still
 * cannot read the project's files through it.
 */
export async function startPrintServer(): Promise<PrintServer> {
  const token = randomBytes(8).toString('hex')
  const sites = new Map<string, SiteState>()
  let count = 0

  const server = http.createServer((request, response) => {
    void answer(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500)
      response.end()
    })
  })
  // HTTPS and WebSocket requests ask the proxy for a tunnel: none is given.
  server.on('connect', (_request, socket) => socket.end('HTTP/1.1 403 Forbidden\r\n\r\n'))
  server.on('upgrade', (_request, socket) => socket.end('HTTP/1.1 403 Forbidden\r\n\r\n'))

  async function answer(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const refuse = (): void => {
      response.writeHead(403, {'content-type': 'text/plain'}).end()
    }
    // A proxied request names its whole URL; one that does not was not sent by our browser.
    let url: URL
    try {
      url = new URL(request.url ?? '')
    } catch {
      return refuse()
    }
    const site = url.protocol === 'http:' ? sites.get(url.host) : undefined
    if (!site) {
      // The browser's own requests (update checks) carry no Referer and are nobody's doing;
      // a page's request elsewhere names its page, and that document hears of it.
      const from = request.headers.referer ? sites.get(hostOf(request.headers.referer)) : undefined
      from?.blocked.push(url.href)
      return refuse()
    }
    await site.ready
    const resources = site.resources
    if (!resources) {
      response.writeHead(404).end()
      return
    }
    const pathname = decodeURIComponent(url.pathname)
    const document = resources.documents.get(pathname)
    if (document !== undefined) {
      // A page can be served again with other content (blank pages added): never from the browser's cache.
      response.writeHead(200, {'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store'}).end(document)
      return
    }
    const font = resources.fonts.get(pathname)
    const file = font ?? (pathname.startsWith('/source/') ? path.resolve(resources.sourceDirectory, pathname.slice('/source/'.length)) : undefined)
    if (file && resources.allowedRoots.some((root) => isInside(root, file))) {
      const body = await readFile(file).catch(() => undefined)
      if (body) {
        const type = contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
        // A font path names one file of an installed package for the life of the site, so every
        // tab of the browser (a long body's parts and its front, a batch's other documents)
        // shares one download. Images in the source folder may be edited between builds: those
        // are asked for afresh.
        const caching = font ? {'cache-control': 'public, max-age=31536000, immutable'} : {}
        response.writeHead(200, {'content-type': type, ...caching}).end(body)
      } else {
        response.writeHead(404).end()
      }
      return
    }
    // The browser asks for /favicon.ico by itself; that is not the document's doing.
    if (pathname !== '/favicon.ico') site.blocked.push(url.href)
    return refuse()
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const {port} = server.address() as {port: number}

  return {
    proxy: `http://127.0.0.1:${port}`,
    site() {
      const host = `s${++count}-${token}.${siteDomain}`
      let settle = (): void => undefined
      const ready = new Promise<void>((resolve) => (settle = resolve))
      const state: SiteState = {resources: undefined, ready, settle, blocked: []}
      sites.set(host, state)
      return {
        url: (pagePath) => `http://${host}${pagePath}`,
        serve(resources) {
          state.resources = resources
          state.settle()
        },
        blocked: state.blocked,
        close() {
          sites.delete(host)
          state.resources = undefined
          state.settle()
        }
      }
    },
    async close() {
      for (const state of sites.values()) state.settle()
      sites.clear()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return ''
  }
}
