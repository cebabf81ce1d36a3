import {crc32} from 'node:zlib'
import {deflateSync, unzipSync} from 'fflate'

/**
 * The zip container of a .docx. docx would stamp every entry with the current
 * time, so two builds of one text would differ in bytes: we zip its parts
 * ourselves (compile.ts gives them unzipped), once, all dated by the build.
 *
 * Entries are compressed one by one (`zipEntry`) and put together at the end
 * (`assembleZip`), so a writer can compress the parts it has finished while it
 * waits for the last one (job.ts: the 目录's page numbers in document.xml).
 * DEFLATE is fflate's (pure JavaScript, as docx uses): the same parts give the
 * same bytes on any machine and Node version, which zlib does not promise.
 * The layout is fflate's `zipSync`'s, byte for byte.
 */

/** Entries in archive order, by path: text (written as UTF-8) or bytes. */
export type ZipEntries = Map<string, string | Uint8Array>

/** One entry, compressed, ready to be put in an archive. */
export interface ZipEntry {
  /** The path, UTF-8. */
  readonly name: Uint8Array
  readonly utf8Name: boolean
  readonly crc: number
  readonly size: number
  /** DEFLATE data, or the bytes stored as they are. */
  readonly data: Uint8Array
  readonly deflated: boolean
}

/**
 * Compression level: fflate's default. Measured on the ×100 document
 * (1.4 MB of document.xml, cold in a fresh process): level 1 takes about
 * as long (70 ms) for twice the size, level 9 takes longer for 3% less.
 */
const level = 6

/**
 * Parts smaller than this are stored, not deflated: each deflate costs about
 * 0.3 ms however small the part (fflate sets up its tables for every call),
 * and saves at most a few hundred bytes here. A book has a header part per
 * section, about 300 bytes each: on the ×100 document (505 of them) storing
 * them takes 50 ms instead of 150–300 ms, for 17 KB more.
 */
const storeBelow = 512

export function zipEntry(path: string, content: string | Uint8Array): ZipEntry {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
  const name = Buffer.from(path, 'utf8')
  const deflated = bytes.length >= storeBelow
  return {name, utf8Name: name.length !== path.length, crc: crc32(bytes) >>> 0, size: bytes.length, data: deflated ? deflateSync(bytes, {level}) : bytes, deflated}
}

/** DOS dates cover 1980–2107: clamp to that range. */
const earliest = Date.UTC(1980, 0, 1)
const latest = Date.UTC(2107, 11, 31, 23, 59, 58)

/** The zip of the entries, in order, all dated `epochSeconds` (UTC). */
export function assembleZip(entries: readonly ZipEntry[], epochSeconds: number): Uint8Array {
  const date = new Date(Math.min(Math.max(epochSeconds * 1000, earliest), latest))
  const dosTime =
    ((date.getUTCFullYear() - 1980) << 25) |
    ((date.getUTCMonth() + 1) << 21) |
    (date.getUTCDate() << 16) |
    (date.getUTCHours() << 11) |
    (date.getUTCMinutes() << 5) |
    (date.getUTCSeconds() >> 1)
  let localSize = 0
  let centralSize = 0
  for (const entry of entries) {
    localSize += 30 + entry.name.length + entry.data.length
    centralSize += 46 + entry.name.length
  }
  const out = new Uint8Array(localSize + centralSize + 22)
  const view = new DataView(out.buffer)
  let local = 0
  let central = localSize
  for (const entry of entries) {
    const offset = local
    // Local file header, then the data.
    local = header(view, local, 0x04034b50, entry, dosTime)
    out.set(entry.name, local)
    local += entry.name.length
    out.set(entry.data, local)
    local += entry.data.length
    // Central directory header: "made by" 2.0 (MS-DOS), no comment, no attributes, where the entry starts.
    view.setUint32(central, 0x02014b50, true)
    view.setUint16(central + 4, 20, true)
    const end = header(view, central + 6, 0, entry, dosTime)
    view.setUint32(end + 10, offset, true)
    out.set(entry.name, end + 14)
    central = end + 14 + entry.name.length
  }
  // End of central directory.
  view.setUint32(central, 0x06054b50, true)
  view.setUint16(central + 8, entries.length, true)
  view.setUint16(central + 10, entries.length, true)
  view.setUint32(central + 12, centralSize, true)
  view.setUint32(central + 16, localSize, true)
  return out
}

/**
 * The fields local and central headers share, from the version needed to the
 * extra field's length; a local header's signature first. Returns where the
 * fields end.
 */
function header(view: DataView, at: number, signature: number, entry: ZipEntry, dosTime: number): number {
  let b = at
  if (signature) {
    view.setUint32(b, signature, true)
    b += 4
  }
  view.setUint16(b, 20, true) // version needed: 2.0
  view.setUint16(b + 2, entry.utf8Name ? 0x0800 : 0, true) // flags: UTF-8 name
  view.setUint16(b + 4, entry.deflated ? 8 : 0, true)
  view.setUint32(b + 6, dosTime, true)
  view.setUint32(b + 10, entry.crc, true)
  view.setUint32(b + 14, entry.data.length, true)
  view.setUint32(b + 18, entry.size, true)
  view.setUint16(b + 22, entry.name.length, true)
  view.setUint16(b + 24, 0, true) // no extra field
  return b + 26
}

/** A zip of the entries, in order, all dated `epochSeconds`. */
export function writeZip(entries: ZipEntries, epochSeconds: number): Uint8Array {
  return assembleZip([...entries].map(([path, content]) => zipEntry(path, content)), epochSeconds)
}

export function readZip(zip: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(zip)).filter(([name]) => !name.endsWith('/')))
}
