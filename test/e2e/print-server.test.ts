import {mkdtemp, writeFile} from 'node:fs/promises'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {launchBrowser, type BrowserSession} from '../../src/write/pdf/browser.js'
import {printPage} from '../../src/write/pdf/print.js'
import {startPrintServer, type PageResources, type PrintServer} from '../../src/write/pdf/serve.js'
import {pdfText} from '../helpers/pdf.js'

/**
 * The print server is the browser's only way out: pages and images come
 * from it, and whatever else a page asks for is refused and reported.
 */

/** A request to the server as Chromium sends it through a proxy: the whole URL on the request line. */
function viaProxy(server: PrintServer, url: string): Promise<{status: number; body: string}> {
  const proxy = new URL(server.proxy)
  return new Promise((resolve, reject) => {
    const request = http.request({host: proxy.hostname, port: proxy.port, path: url, headers: {host: new URL(url).host}}, (response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => (body += chunk.toString()))
      response.on('end', () => resolve({status: response.statusCode ?? 0, body}))
    })
    request.on('error', reject)
    request.end()
  })
}

function resourcesOf(documents: Record<string, string>, folder: string): PageResources {
  return {documents: new Map(Object.entries(documents)), fonts: new Map(), sourceDirectory: folder, allowedRoots: [folder]}
}

describe('the print server', () => {
  let server: PrintServer
  let folder: string

  beforeAll(async () => {
    server = await startPrintServer()
    folder = await mkdtemp(path.join(os.tmpdir(), 'paiban-serve-'))
    await writeFile(path.join(folder, 'figure.png'), 'not really a png')
  })

  afterAll(async () => {
    await server.close()
  })

  it('holds a request for a page until the page is served', async () => {
    const site = server.site()
    const answer = viaProxy(server, site.url('/body.html'))
    let answered = false
    void answer.then(() => (answered = true))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(answered).toBe(false)
    site.serve(resourcesOf({'/body.html': '<p>正文</p>'}, folder))
    expect(await answer).toEqual({status: 200, body: '<p>正文</p>'})
    site.close()
  })

  it('serves files beside the document and refuses paths that climb out, reporting them', async () => {
    const site = server.site()
    site.serve(resourcesOf({}, folder))
    expect(await viaProxy(server, site.url('/source/figure.png'))).toEqual({status: 200, body: 'not really a png'})
    expect((await viaProxy(server, site.url('/source/..%2Foutside.png'))).status).toBe(403)
    expect(site.blocked).toEqual([site.url('/source/..%2Foutside.png')])
    site.close()
  })

  it('refuses other hosts, and a site that is closed', async () => {
    const site = server.site()
    site.serve(resourcesOf({'/body.html': 'x'}, folder))
    expect((await viaProxy(server, 'http://example.org/')).status).toBe(403)
    site.close()
    expect((await viaProxy(server, site.url('/body.html'))).status).toBe(403)
  })

  it('gives each site its own host, none of them guessable from another', () => {
    const [one, two] = [server.site(), server.site()]
    const [hostOne, hostTwo] = [new URL(one.url('/')).host, new URL(two.url('/')).host]
    expect(hostOne).not.toBe(hostTwo)
    expect(hostOne).toMatch(/^s\d+-[0-9a-f]{16}\.paiban\.invalid$/)
    one.close()
    two.close()
  })
})

describe('the browser behind it', () => {
  let session: BrowserSession
  let folder: string
  let elsewhere: http.Server
  let elsewhereRequests = 0

  beforeAll(async () => {
    session = await launchBrowser()
    folder = await mkdtemp(path.join(os.tmpdir(), 'paiban-serve-'))
    // A server on this machine that a page must not reach, loopback or not.
    elsewhere = http.createServer((_request, response) => {
      elsewhereRequests++
      response.end('')
    })
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', () => resolve()))
  })

  afterAll(async () => {
    await session.close()
    await new Promise((resolve) => elsewhere.close(resolve))
  })

  /** Serve `html` as a new site's body, print it, close the site. */
  function printBody(html: string, fileName: string): Promise<Uint8Array> {
    const site = session.site()
    site.serve(resourcesOf({'/body.html': html}, folder))
    return printPage(session, site, '/body.html', {tagged: false, fileName}).finally(() => site.close())
  }

  async function textOf(pdf: Uint8Array, name: string): Promise<string> {
    const file = path.join(folder, name)
    await writeFile(file, pdf)
    return pdfText(file)
  }

  it('opens the first site’s body as its starting page and prints it', async () => {
    const pdf = await printBody('<!doctype html><html lang="zh"><body><p>Starting page</p></body></html>', 'start.md')
    expect(await textOf(pdf, 'start.pdf')).toContain('Starting page')
  })

  it('runs no JavaScript of the page', async () => {
    const pdf = await printBody('<!doctype html><p id="x">static</p><script>document.getElementById("x").textContent = "scripted"</script>', 'script.md')
    expect(await textOf(pdf, 'script.pdf')).toContain('static')
  })

  it('loads nothing from another server, even on this machine, and names what the page asked for', async () => {
    const {port} = elsewhere.address() as {port: number}
    const image = `http://127.0.0.1:${port}/tracker.png`
    const printing = printBody(`<!doctype html><p>正文</p><img src="${image}">`, 'remote.md')
    await expect(printing).rejects.toMatchObject({code: 'E_RESOURCE_BLOCKED', message: expect.stringContaining(image)})
    expect(elsewhereRequests).toBe(0)
  })
})
