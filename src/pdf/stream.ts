import {inflateSync} from 'node:zlib'
import {decodePDFRawStream, PDFContentStream, PDFFlateStream, PDFName, PDFRawStream, PDFStream, type PDFPage} from 'pdf-lib'

/** A page's content streams as one (a token never spans two of them, but an operation may). */
export function pageContentBytes(page: PDFPage): Uint8Array {
  const contents = page.node.normalizedEntries().Contents
  const streams: Uint8Array[] = []
  for (let index = 0; index < (contents?.size() ?? 0); index++) {
    const stream = contents?.lookupMaybe(index, PDFStream)
    if (stream) streams.push(streamBytes(stream))
  }
  if (streams.length === 1) return streams[0] ?? new Uint8Array()
  return Buffer.concat(streams.flatMap((stream, index) => (index === 0 ? [stream] : [newline, stream])))
}

const newline = new Uint8Array([0x0a])

/**
 * A stream's decoded bytes. Flate through zlib (pdf-lib's inflate is
 * JavaScript, several times slower), falling back to pdf-lib's decoders for
 * other filters and for data zlib finds damaged.
 */
export function streamBytes(stream: PDFStream): Uint8Array {
  // A stream pdf-lib made itself (a page added, not yet saved) still holds its operators.
  if (stream instanceof PDFContentStream || stream instanceof PDFFlateStream) return stream.getUnencodedContents()
  if (!(stream instanceof PDFRawStream)) return stream.getContents()
  const filter = stream.dict.lookup(PDFName.of('Filter'))
  if (filter instanceof PDFName && filter.asString() === '/FlateDecode' && !stream.dict.has(PDFName.of('DecodeParms'))) {
    try {
      return inflateSync(stream.contents)
    } catch {
      // pdf-lib's inflate reads what it can of a damaged stream.
    }
  }
  return decodePDFRawStream(stream).decode()
}

/** Bytes as a string of one character each. */
export function latin1Text(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
}
