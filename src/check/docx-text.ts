import {unzipSync} from 'fflate'

/** The text of a .docx as Word shows it: body paragraphs, and footnotes apart. */
export interface DocxText {
  /** Body paragraphs in order, without the 目录 field's entries. */
  paragraphs: string[]
  footnotes: string[]
}

const entities: Record<string, string> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'"}

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16))
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)))
    return entities[entity] ?? ''
  })
}

/** Paragraph texts of a WordprocessingML part: `w:t` runs (inserted text counts, `w:delText` does not). */
function paragraphsOf(xml: string): string[] {
  const paragraphs: string[] = []
  for (const match of xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)) {
    const texts = [...match[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((run) => decode(run[1] ?? ''))
    paragraphs.push(texts.join(''))
  }
  return paragraphs
}

/** The parts of a .docx its text is read from. */
export interface DocxXml {
  /** word/document.xml */
  document: string
  /** word/footnotes.xml, if the file has one. */
  footnotes: string | undefined
}

export function readDocxText(bytes: Uint8Array): DocxText {
  const parts = unzipSync(bytes)
  const document = parts['word/document.xml']
  if (!document) throw new Error('Not a Word document: no word/document.xml')
  const footnotes = parts['word/footnotes.xml']
  return docxTextOf({document: new TextDecoder().decode(document), footnotes: footnotes ? new TextDecoder().decode(footnotes) : undefined})
}

export function docxTextOf(xml: DocxXml): DocxText {
  // The 目录 is a structured document tag; its entries repeat the headings.
  const body = xml.document.replace(/<w:sdt>[\s\S]*?<\/w:sdt>/g, '')
  return {
    paragraphs: paragraphsOf(body),
    footnotes: xml.footnotes ? paragraphsOf(xml.footnotes) : []
  }
}
