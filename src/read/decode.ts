import {isUtf8} from 'node:buffer'
import {PaibanError} from '../errors.js'
import {requireFromPaiban} from '../paths.js'

/**
 * Turn the bytes of a source file into text with LF line endings.
 *
 * The encoding is detected from the bytes, never from the file name: a BOM
 * (UTF-8, UTF-16 LE/BE) wins; otherwise strict UTF-8, then GB18030 (which
 * includes GBK and GB2312). Texts reach us as Word exports, WeChat copies
 * and old GBK files, so both are common (see /work/shared/corpus/README.md).
 *
 * Throws PaibanError `E_INPUT` for an empty file, a binary file, or bytes
 * that no supported encoding decodes; the message names the file and the
 * byte offset of the first bad byte.
 */
export function decodeText(bytes: Uint8Array, fileName: string): string {
  const decoded = decodeBytes(bytes, fileName)
  rejectControlCharacters(decoded, fileName)
  const text = decoded.text.replace(/\r\n?/g, '\n')
  // JS `\s` covers U+00A0, U+3000 and U+FEFF; add the zero-width characters.
  if (/^[\s\u200B-\u200D\u2060]*$/.test(text)) {
    throw new PaibanError('E_INPUT', `${fileName} is empty`, {
      place: fileName,
      hint: 'Put the text into the file (UTF-8 or GB18030), or check that you named the right file.'
    })
  }
  return text
}

/** The name paiban reports for a detected encoding. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030'

interface Decoded {
  text: string
  encoding: TextEncodingName
  /** Bytes taken by the BOM. */
  bomBytes: number
}

function decodeBytes(bytes: Uint8Array, fileName: string): Decoded {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return {text: decodeStrict('utf-8', bytes.subarray(3), fileName, 3), encoding: 'utf-8', bomBytes: 3}
  }
  if (startsWith(bytes, [0xff, 0xfe])) {
    return {text: decodeStrict('utf-16le', bytes.subarray(2), fileName, 2), encoding: 'utf-16le', bomBytes: 2}
  }
  if (startsWith(bytes, [0xfe, 0xff])) {
    return {text: decodeStrict('utf-16be', bytes.subarray(2), fileName, 2), encoding: 'utf-16be', bomBytes: 2}
  }
  // A NUL byte never occurs in UTF-8 or GB18030 text: the file is binary
  // (or UTF-16 without a BOM, which we do not guess).
  const nul = bytes.indexOf(0)
  if (nul !== -1) throw binaryError(fileName, nul, 'a NUL byte')

  // Valid UTF-8 is checked natively; the byte-by-byte check runs only to find the bad byte.
  const utf8Bad = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes)
  if (utf8Bad === -1) return {text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', bomBytes: 0}
  const gbBad = firstInvalidOffset('gb18030', bytes)
  if (gbBad === -1) return {text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030', bomBytes: 0}

  // Report the encoding that got furthest: that is the one the file is
  // most likely written in, and its bad byte is the one worth looking at.
  // On a tie GB18030: its pairs often happen to be valid UTF-8 too.
  const [encoding, offset] = gbBad >= utf8Bad ? ['GB18030', gbBad] as const : ['UTF-8', utf8Bad] as const
  throw new PaibanError(
    'E_INPUT',
    `Cannot decode ${fileName}: byte ${formatByte(bytes[offset])} at offset ${offset} is not valid ${encoding} (the file is neither UTF-8 nor GB18030)`,
    {
      place: fileName,
      hint: 'Save the file as UTF-8 (in Notepad or WPS: "Save as" → encoding UTF-8), or check that it is a text file and not a Word/PDF file.'
    }
  )
}

function decodeStrict(encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array, fileName: string, bomBytes: number): string {
  const bad = firstInvalidOffset(encoding, bytes)
  if (bad === -1) return new TextDecoder(encoding, {ignoreBOM: true}).decode(bytes)
  const offset = bad + bomBytes
  throw new PaibanError(
    'E_INPUT',
    `Cannot decode ${fileName}: byte ${formatByte(bytes[bad])} at offset ${offset} is not valid ${encoding.toUpperCase()} (the file starts with a ${encoding.toUpperCase()} byte order mark)`,
    {place: fileName, hint: 'The file is damaged or mislabelled: open it in an editor and save it again as UTF-8.'}
  )
}

/**
 * Offset of the first byte a strict decoder rejects, or -1.
 *
 * A streaming decoder buffers an incomplete sequence instead of failing, so
 * "prefix n fails" is monotonic in n: a binary search over prefix lengths
 * finds the first failing byte with O(log n) decodes.
 */
function firstInvalidOffset(encoding: string, bytes: Uint8Array): number {
  const fails = (length: number, final: boolean): boolean => {
    try {
      new TextDecoder(encoding, {fatal: true, ignoreBOM: true}).decode(bytes.subarray(0, length), {stream: !final})
      return false
    } catch {
      return true
    }
  }
  if (!fails(bytes.length, true)) return -1
  // Only the end is bad: a sequence cut off by the end of the file.
  if (!fails(bytes.length, false)) {
    // The last boundary where a prefix decodes completely is where the cut sequence starts.
    for (let start = bytes.length - 1; start > 0; start--) if (!fails(start, true)) return start
    return 0
  }
  let low = 0 // prefix of this length decodes
  let high = bytes.length // prefix of this length fails
  while (high - low > 1) {
    const middle = (low + high) >>> 1
    if (fails(middle, false)) high = middle
    else low = middle
  }
  return high - 1
}

/** Strict UTF-8 validation (no overlongs, no surrogates, ≤ U+10FFFF). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0
    if (lead < 0x80) {
      index++
      continue
    }
    let length: number
    let min: number
    if (lead >= 0xc2 && lead <= 0xdf) [length, min] = [2, 0x80]
    else if (lead >= 0xe0 && lead <= 0xef) [length, min] = [3, 0x800]
    else if (lead >= 0xf0 && lead <= 0xf4) [length, min] = [4, 0x10000]
    else return index
    let codePoint = lead & (0xff >> (length + 1))
    for (let next = 1; next < length; next++) {
      const byte = bytes[index + next]
      if (byte === undefined || (byte & 0xc0) !== 0x80) return index
      codePoint = (codePoint << 6) | (byte & 0x3f)
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return index
    index += length
  }
  return -1
}

/** C0 controls but tab, line feed, form feed and carriage return; and DEL. */
const controlCharacter = /[\x00-\x08\x0B\x0E-\x1F\x7F]/
const controlCharacters = new RegExp(controlCharacter.source, 'g')

/**
 * C0 control characters other than tab, line feed, form feed and carriage
 * return have no place in a text to typeset; many of them mean a binary
 * file, one of them is a damaged text. Either way we stop with its offset.
 */
function rejectControlCharacters(decoded: Decoded, fileName: string): void {
  const {text} = decoded
  // One native scan finds the first; the usual case is none.
  const first = text.search(controlCharacter)
  if (first === -1) return
  const count = text.match(controlCharacters)?.length ?? 0
  const offset = byteOffsetOf(decoded, first)
  const code = text.charCodeAt(first)
  if (count > 8 || (count > 1 && count * 10 > text.length)) {
    throw binaryError(fileName, offset, `${count} control characters`)
  }
  throw new PaibanError(
    'E_INPUT',
    `Unexpected control character U+${code.toString(16).toUpperCase().padStart(4, '0')} in ${fileName} at byte offset ${offset}`,
    {place: fileName, hint: 'Delete the invisible character (an editor that shows control characters helps), then build again.'}
  )
}

/**
 * Byte offset of a UTF-16 index of the decoded text, by encoding the text
 * before it again (the decoders are strict, so this round trip is exact).
 */
function byteOffsetOf(decoded: Decoded, index: number): number {
  if (decoded.encoding === 'utf-16le' || decoded.encoding === 'utf-16be') return decoded.bomBytes + index * 2
  const before = decoded.text.slice(0, index)
  const encoded = decoded.encoding === 'utf-8' ? new TextEncoder().encode(before).length : gb18030Length(before)
  return decoded.bomBytes + encoded
}

/** Bytes of a text in GB18030. iconv-lite is loaded only here, on the way to an error: decoding needs only TextDecoder. */
function gb18030Length(text: string): number {
  const iconv = requireFromPaiban('iconv-lite') as typeof import('iconv-lite')
  return iconv.encode(text, 'gb18030').length
}

function binaryError(fileName: string, offset: number, what: string): PaibanError {
  return new PaibanError('E_INPUT', `${fileName} looks like a binary file: ${what}, the first at byte offset ${offset}`, {
    place: fileName,
    hint: 'paiban reads plain text (.txt) and Markdown (.md); export a Word or PDF file to text first, or save UTF-16 text with a byte order mark.'
  })
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte)
}

function formatByte(byte: number | undefined): string {
  return `0x${(byte ?? 0).toString(16).toUpperCase().padStart(2, '0')}`
}
