import {PDFContext, PDFDict, PDFName, PDFObjectParser, PDFRef, type PDFDocument, type PDFObject} from 'pdf-lib'
import {latin1Text} from './stream.js'

/** Objects of a PDF, parsed one by one as they are asked for. */
export interface PdfObjects {
  /** The catalog (the trailer's /Root). */
  catalog: PDFDict
  /** The object a reference points to (parsed now, once), or the value itself. */
  resolve(value: PDFObject | undefined): PDFObject | undefined
  /** A dictionary's /Type, without parsing the whole object where that can be seen at its start. */
  typeOf(value: PDFObject | undefined): string | undefined
}

/**
 * Random access to a PDF with a classic cross-reference table, as Chromium
 * (Skia) writes it: the table gives each object's offset, and pdf-lib's
 * object parser reads only the objects asked for. Reading a few hundred
 * bookmarks this way takes a fraction of parsing the whole file. Undefined
 * for any other PDF (a cross-reference stream, an update appended): parse
 * it whole instead.
 */
export function openObjects(bytes: Uint8Array): PdfObjects | undefined {
  const tail = latin1Text(bytes.subarray(Math.max(0, bytes.length - 64)))
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)
  if (!startxref) return undefined
  // The table and the trailer run to the end of the file.
  const tableStart = Number(startxref[1])
  const table = latin1Text(bytes.subarray(tableStart))
  if (!table.startsWith('xref')) return undefined
  const offsets = new Map<number, number>()
  let position = 'xref'.length
  // Subsections: a "first count" line, then count entries of 20 bytes ("offset generation n|f").
  const subsection = /\s*(\d+) (\d+)\r?\n/y
  for (;;) {
    subsection.lastIndex = position
    const header = subsection.exec(table)
    if (!header) break
    position = subsection.lastIndex
    const [first, count] = [Number(header[1]), Number(header[2])]
    for (let index = 0; index < count; index++) {
      const entry = position + index * 20
      if (table[entry + 17] === 'n') offsets.set(first + index, Number(table.slice(entry, entry + 10)))
    }
    position += count * 20
  }
  const text = (from: number, length: number): string => latin1Text(bytes.subarray(from, from + length))
  const trailer = /^\s*trailer\s*/.exec(table.slice(position, position + 40))
  if (!trailer) return undefined
  const context = PDFContext.create()
  const trailerDict = PDFObjectParser.forBytes(bytes.subarray(tableStart + position + trailer[0].length), context).parseObject()
  // An appended update (/Prev) has its own table: not this reader's kind of file.
  if (!(trailerDict instanceof PDFDict) || trailerDict.has(PDFName.of('Prev'))) return undefined
  const parsed = new Map<number, PDFObject>()
  const objectAt = (ref: PDFRef): PDFObject | undefined => {
    const known = parsed.get(ref.objectNumber)
    if (known) return known
    const offset = offsets.get(ref.objectNumber)
    if (offset === undefined) return undefined
    const header = /^\s*\d+\s+\d+\s+obj\s*/.exec(text(offset, 40))
    if (!header) return undefined
    const object = PDFObjectParser.forBytes(bytes.subarray(offset + header[0].length), context).parseObject()
    parsed.set(ref.objectNumber, object)
    return object
  }
  const resolve = (value: PDFObject | undefined): PDFObject | undefined => (value instanceof PDFRef ? objectAt(value) : value)
  // Skia writes a dictionary's /Type first: a page's is read there, not from its whole dictionary (fonts, annotations).
  const typeOf = (value: PDFObject | undefined): string | undefined => {
    const offset = value instanceof PDFRef && !parsed.has(value.objectNumber) ? offsets.get(value.objectNumber) : undefined
    const written = offset === undefined ? undefined : /^\s*\d+\s+\d+\s+obj\s*<<\s*\/Type\s*\/([A-Za-z]+)[\s/>]/.exec(text(offset, 64))
    return written ? written[1] : dictType(resolve(value))
  }
  const catalog = resolve(trailerDict.get(PDFName.of('Root')))
  return catalog instanceof PDFDict ? {catalog, resolve, typeOf} : undefined
}

function dictType(object: PDFObject | undefined): string | undefined {
  const type = object instanceof PDFDict ? object.get(PDFName.of('Type')) : undefined
  return type instanceof PDFName ? type.decodeText() : undefined
}

/** The same access to a document pdf-lib has parsed whole. */
export function documentObjects(document: PDFDocument): PdfObjects {
  const resolve = (value: PDFObject | undefined): PDFObject | undefined => (value instanceof PDFRef ? document.context.lookup(value) : value)
  return {catalog: document.catalog, resolve, typeOf: (value) => dictType(resolve(value))}
}
