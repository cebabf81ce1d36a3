import {tool} from './tools.js'

/** `pdftotext` of one page (1-based), or of all pages. */
export async function pdfText(file: string, options: {page?: number; layout?: boolean} = {}): Promise<string> {
  const args = [...(options.layout ? ['-layout'] : []), ...(options.page ? ['-f', String(options.page), '-l', String(options.page)] : []), file, '-']
  return tool('pdftotext', args)
}

export interface PdfFontRow {
  name: string
  type: string
  embedded: boolean
}

/** `pdffonts`, parsed. */
export async function pdfFonts(file: string): Promise<PdfFontRow[]> {
  const lines = (await tool('pdffonts', [file])).split('\n').slice(2).filter(Boolean)
  return lines.map((line) => {
    // name, then type (may hold spaces), encoding, emb, sub, uni, object, id
    const match = /^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(line)
    if (!match) throw new Error(`Unexpected pdffonts line: ${line}`)
    return {name: match[1] ?? '', type: match[2] ?? '', embedded: match[4] === 'yes'}
  })
}

/** `pdfinfo`, as key → value. */
export async function pdfInfo(file: string): Promise<Record<string, string>> {
  const info: Record<string, string> = {}
  for (const line of (await tool('pdfinfo', [file])).split('\n')) {
    const index = line.indexOf(':')
    if (index > 0) info[line.slice(0, index).trim()] = line.slice(index + 1).trim()
  }
  return info
}

export interface OutlineItem {
  title: string
  page: number
  kids: OutlineItem[]
}

/** The bookmark outline, read by qpdf. */
export async function pdfOutline(file: string): Promise<OutlineItem[]> {
  const json = JSON.parse(await tool('qpdf', ['--json', '--json-key=outlines', file])) as {
    outlines: Array<{title: string; destpageposfrom1: number; kids: unknown[]}>
  }
  const convert = (items: Array<{title: string; destpageposfrom1: number; kids: unknown[]}>): OutlineItem[] =>
    items.map((item) => ({title: item.title, page: item.destpageposfrom1, kids: convert(item.kids as typeof items)}))
  return convert(json.outlines)
}

/** Page count from pdfinfo. */
export async function pageCount(file: string): Promise<number> {
  return Number((await pdfInfo(file))['Pages'])
}

/** Text without whitespace, for comparing what was set with what was written. */
export function squash(text: string): string {
  return text.replace(/\s+/gu, '')
}
