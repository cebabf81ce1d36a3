import {createReadStream} from 'node:fs'
import {stat} from 'node:fs/promises'
import {createServer, type Server, type ServerResponse} from 'node:http'
import path from 'node:path'
import {watch as chokidarWatch, type FSWatcher} from 'chokidar'
import {buildBook, type BuildOptions, type BuildResult} from './build.js'
import {isInside} from './fs.js'
import type {BrowserSession} from './write/pdf/browser.js'

export interface WatchOptions extends Omit<BuildOptions, 'browser' | 'inputs' | 'force'> {
  /** Port of the preview server on 127.0.0.1; 0 picks a free one. Default 4173. */
  port?: number
  /** Each rebuild's result, after its outputs are written. */
  onBuild?: (result: BuildResult) => void
}

export interface Watcher {
  /** The preview's address, e.g. http://127.0.0.1:4173/ */
  url: string
  /** Resolves when the first build is done and the watcher listens. */
  ready: Promise<void>
  close(): Promise<void>
}

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.json': 'application/json'
}

// The preview pages reload themselves when a build finishes; the files on disk stay as built.
const reloadScript = '<script>new EventSource("/__paiban/events").onmessage = () => location.reload()</script>'

/**
 * Build, then rebuild whatever changes in source/, templates/ or styles/,
 * keeping one browser open, and serve the outputs on localhost with a
 * reload on every rebuild. close() (or Ctrl-C in the CLI) ends all of it.
 */
export async function watchProject(options: WatchOptions = {}): Promise<Watcher> {
  const projectRoot = path.resolve(options.projectRoot ?? process.cwd())
  const outDir = path.resolve(projectRoot, options.outDir ?? 'output')
  const formats = options.formats ?? ['pdf', 'docx', 'html']
  let session: BrowserSession | undefined
  if (formats.includes('pdf')) {
    const {launchBrowser} = await import('./write/pdf/browser.js')
    session = await launchBrowser()
  }
  const clients = new Set<ServerResponse>()
  const server = createServer((request, response) => {
    void serve(outDir, decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname), response, clients)
  })
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 4173, '127.0.0.1', () => {
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : 0)
    })
  })

  let running: Promise<void> = Promise.resolve()
  let pending = false
  const rebuild = (): Promise<void> => {
    // One build at a time; changes during a build queue one more.
    if (pending) return running
    pending = true
    running = running.then(async () => {
      pending = false
      const result = await buildBook({...options, projectRoot, outDir, formats, ...(session ? {browser: session} : {})})
      options.onBuild?.(result)
      for (const client of clients) client.write('data: rebuilt\n\n')
    })
    return running
  }

  const watched = ['source', 'templates', 'styles'].map((folder) => path.join(projectRoot, folder))
  let timer: NodeJS.Timeout | undefined
  const watcher: FSWatcher = chokidarWatch(watched, {ignoreInitial: true, awaitWriteFinish: {stabilityThreshold: 100, pollInterval: 25}})
  watcher.on('all', () => {
    clearTimeout(timer)
    timer = setTimeout(() => void rebuild(), 150)
  })
  const ready = Promise.all([rebuild(), new Promise<void>((resolve) => watcher.once('ready', () => resolve()))]).then(() => undefined)

  return {
    url: `http://127.0.0.1:${port}/`,
    ready,
    async close() {
      clearTimeout(timer)
      await watcher.close()
      await running.catch(() => undefined)
      for (const client of clients) client.end()
      await new Promise<void>((resolve) => closeServer(server, resolve))
      await session?.close()
    }
  }
}

function closeServer(server: Server, done: () => void): void {
  server.close(() => done())
  server.closeAllConnections()
}

async function serve(outDir: string, pathname: string, response: ServerResponse, clients: Set<ServerResponse>): Promise<void> {
  if (pathname === '/__paiban/events') {
    response.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive'})
    response.write(': paiban\n\n')
    clients.add(response)
    response.on('close', () => clients.delete(response))
    return
  }
  const file = path.join(outDir, pathname.endsWith('/') ? `${pathname}index.html` : pathname)
  const info = await stat(file).catch(() => undefined)
  if (!isInside(outDir, file) || !info?.isFile()) {
    if (pathname === '/') return listing(outDir, response)
    response.writeHead(404, {'content-type': 'text/plain; charset=utf-8'}).end('Not found\n')
    return
  }
  const type = mimeTypes[path.extname(file)] ?? 'application/octet-stream'
  if (type.startsWith('text/html')) {
    const {readFile} = await import('node:fs/promises')
    const html = (await readFile(file, 'utf8')).replace('</body>', `${reloadScript}</body>`)
    response.writeHead(200, {'content-type': type, 'cache-control': 'no-store'}).end(html)
    return
  }
  response.writeHead(200, {'content-type': type, 'cache-control': 'no-store'})
  createReadStream(file).pipe(response)
}

/** `/`: links to the built pages. */
async function listing(outDir: string, response: ServerResponse): Promise<void> {
  const {readdir} = await import('node:fs/promises')
  const files = (await readdir(outDir).catch(() => [] as string[])).filter((file) => /\.(html|pdf|docx)$/.test(file)).sort()
  const items = files.map((file) => `<li><a href="${encodeURI(file)}">${file.replace(/[<&]/g, '')}</a></li>`).join('')
  response
    .writeHead(200, {'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store'})
    .end(`<!doctype html><meta charset="utf-8"><title>paiban</title><ul>${items}</ul>${reloadScript}`)
}

