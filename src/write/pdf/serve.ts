import {readFile} from 'node:fs/promises'
import path from 'node:path'
import type {HTTPRequest, Page} from 'puppeteer'
import {isInside} from '../../fs.js'

/**
 * The printed page's only origin. Every request is intercepted and answered
 * from memory or from allowed folders on disk; anything else (the network,
 * files outside the project) is refused and reported.
 */
export const printOrigin = 'https://paiban.invalid'

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

/** Answer the page's requests from `resources`; `blocked` collects what was refused. */
export async function serveFrom(page: Page, resources: PageResources, blocked: string[]): Promise<void> {
  await page.setRequestInterception(true)
  page.on('request', (request) => {
    void answer(request, resources, blocked)
  })
}

async function answer(request: HTTPRequest, resources: PageResources, blocked: string[]): Promise<void> {
  const url = request.url()
  if (url.startsWith('data:')) return request.continue()
  if (!url.startsWith(`${printOrigin}/`)) {
    blocked.push(url)
    return request.abort('blockedbyclient')
  }
  const pathname = decodeURIComponent(new URL(url).pathname)
  const document = resources.documents.get(pathname)
  if (document !== undefined) {
    return request.respond({status: 200, contentType: 'text/html; charset=utf-8', body: document})
  }
  let file = resources.fonts.get(pathname)
  if (!file && pathname.startsWith('/source/')) {
    file = path.resolve(resources.sourceDirectory, pathname.slice('/source/'.length))
  }
  if (file && resources.allowedRoots.some((root) => isInside(root, file))) {
    try {
      const body = await readFile(file)
      return request.respond({
        status: 200,
        contentType: contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        body
      })
    } catch {
      return request.respond({status: 404, body: ''})
    }
  }
  // The browser asks for /favicon.ico by itself; that is not the document's doing.
  if (pathname !== '/favicon.ico') blocked.push(url)
  return request.abort('blockedbyclient')
}
