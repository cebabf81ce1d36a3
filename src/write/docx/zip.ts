import {unzipSync, zipSync, type Zippable} from 'fflate'

/**
 * The zip container of a .docx, through fflate (the zip library docx itself
 * uses; pure JavaScript, so the same parts give the same bytes on any machine
 * and Node version).
 *
 * docx would stamp every entry with the current time, so two builds of one
 * text would differ in bytes. We zip its parts ourselves, once, with one fixed
 * date per build (compile.ts gives us the parts unzipped).
 */

/** Entries in archive order, by path: text (written as UTF-8) or bytes. */
export type ZipEntries = Map<string, string | Uint8Array>

export function readZip(zip: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(zip)).filter(([name]) => !name.endsWith('/')))
}

/** DOS dates cover 1980–2107: clamp to that range. */
const earliest = Date.UTC(1980, 0, 1)
const latest = Date.UTC(2107, 11, 31, 23, 59, 58)

/**
 * Compression level: fflate's default. Measured on the ×100 document
 * (1.5 MB of document.xml): level 1 is no faster (30–100 ms) and twice the
 * size, level 9 saves 3% for 5% more time.
 */
const level = 6

/** A zip of the entries, in order, all dated `epochSeconds`. */
export function writeZip(entries: ZipEntries, epochSeconds: number): Uint8Array {
  // fflate writes local time fields; shift so the stored fields read as the UTC moment.
  const utc = Math.min(Math.max(epochSeconds * 1000, earliest), latest)
  const mtime = new Date(utc + new Date(utc).getTimezoneOffset() * 60_000)
  const files: Zippable = {}
  for (const [name, data] of entries) files[name] = [typeof data === 'string' ? Buffer.from(data, 'utf8') : data, {level, mtime}]
  return zipSync(files)
}
