import {unzipSync, zipSync, type Zippable} from 'fflate'

/**
 * The zip container of a .docx, through fflate (the zip library docx itself uses).
 *
 * docx stamps every entry with the current time, so two builds of one text
 * would differ in bytes. We read its zip back and write it again with one
 * fixed date per build, which also lets finish.ts edit a few XML parts in between.
 */

/** Entries in archive order, by path. */
export type ZipEntries = Map<string, Uint8Array>

export function readZip(zip: Uint8Array): ZipEntries {
  return new Map(Object.entries(unzipSync(zip)).filter(([name]) => !name.endsWith('/')))
}

/** DOS dates cover 1980–2107: clamp to that range. */
const earliest = Date.UTC(1980, 0, 1)
const latest = Date.UTC(2107, 11, 31, 23, 59, 58)

/** A zip of the entries, in order, all dated `epochSeconds`. */
export function writeZip(entries: ZipEntries, epochSeconds: number): Uint8Array {
  // fflate writes local time fields; shift so the stored fields read as the UTC moment.
  const utc = Math.min(Math.max(epochSeconds * 1000, earliest), latest)
  const mtime = new Date(utc + new Date(utc).getTimezoneOffset() * 60_000)
  const files: Zippable = {}
  for (const [name, data] of entries) files[name] = [data, {level: 6, mtime}]
  return zipSync(files)
}
