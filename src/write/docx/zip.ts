import {crc32, deflateRawSync, inflateRawSync} from 'node:zlib'

/**
 * The zip container of a .docx, read and written with Node's zlib only.
 *
 * docx zips with fflate, stamping every entry with the current time, so two
 * builds of one text differ in bytes. We read its zip back and write it again
 * with one fixed date per build (from SOURCE_DATE_EPOCH), which also lets
 * finish.ts edit a few XML parts in between.
 */

/** Entries in archive order, by path. */
export type ZipEntries = Map<string, Uint8Array>

const localHeader = 0x04034b50
const centralHeader = 0x02014b50
const endOfCentralDirectory = 0x06054b50

export function readZip(zip: Uint8Array): ZipEntries {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  let end = zip.length - 22
  while (end >= 0 && view.getUint32(end, true) !== endOfCentralDirectory) end--
  if (end < 0) throw new Error('Not a zip file: no end of central directory')
  const count = view.getUint16(end + 10, true)
  let offset = view.getUint32(end + 16, true)
  const entries: ZipEntries = new Map()
  const decoder = new TextDecoder()
  for (let index = 0; index < count; index++) {
    if (view.getUint32(offset, true) !== centralHeader) throw new Error('Corrupt zip: bad central directory entry')
    const method = view.getUint16(offset + 10, true)
    const compressedSize = view.getUint32(offset + 20, true)
    const nameLength = view.getUint16(offset + 28, true)
    const extraLength = view.getUint16(offset + 30, true)
    const commentLength = view.getUint16(offset + 32, true)
    const local = view.getUint32(offset + 42, true)
    const name = decoder.decode(zip.subarray(offset + 46, offset + 46 + nameLength))
    if (view.getUint32(local, true) !== localHeader) throw new Error(`Corrupt zip: bad local header for ${name}`)
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true)
    const data = zip.subarray(start, start + compressedSize)
    if (method !== 0 && method !== 8) throw new Error(`Unsupported zip method ${method} for ${name}`)
    if (!name.endsWith('/')) entries.set(name, method === 8 ? new Uint8Array(inflateRawSync(data)) : data.slice())
    offset += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

/** A zip of the entries, in order, all dated `epochSeconds` (UTC, clamped to the DOS range). */
export function writeZip(entries: ZipEntries, epochSeconds: number): Uint8Array {
  const {time, date} = dosDateTime(epochSeconds)
  const encoder = new TextEncoder()
  const locals: Uint8Array[] = []
  const centrals: Uint8Array[] = []
  let offset = 0
  for (const [name, data] of entries) {
    const nameBytes = encoder.encode(name)
    const compressed = deflateRawSync(data)
    const crc = crc32(data)
    // Bit 11: the name is UTF-8 (only set when it is not plain ASCII).
    const flags = nameBytes.length === name.length ? 0 : 0x0800
    const local = new Uint8Array(30 + nameBytes.length)
    const lv = new DataView(local.buffer)
    lv.setUint32(0, localHeader, true)
    lv.setUint16(4, 20, true)
    lv.setUint16(6, flags, true)
    lv.setUint16(8, 8, true)
    lv.setUint16(10, time, true)
    lv.setUint16(12, date, true)
    lv.setUint32(14, crc, true)
    lv.setUint32(18, compressed.length, true)
    lv.setUint32(22, data.length, true)
    lv.setUint16(26, nameBytes.length, true)
    local.set(nameBytes, 30)
    const central = new Uint8Array(46 + nameBytes.length)
    const cv = new DataView(central.buffer)
    cv.setUint32(0, centralHeader, true)
    cv.setUint16(4, 20, true)
    cv.setUint16(6, 20, true)
    cv.setUint16(8, flags, true)
    cv.setUint16(10, 8, true)
    cv.setUint16(12, time, true)
    cv.setUint16(14, date, true)
    cv.setUint32(16, crc, true)
    cv.setUint32(20, compressed.length, true)
    cv.setUint32(24, data.length, true)
    cv.setUint16(28, nameBytes.length, true)
    cv.setUint32(42, offset, true)
    central.set(nameBytes, 46)
    locals.push(local, compressed)
    centrals.push(central)
    offset += local.length + compressed.length
  }
  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0)
  const end = new Uint8Array(22)
  const ev = new DataView(end.buffer)
  ev.setUint32(0, endOfCentralDirectory, true)
  ev.setUint16(8, entries.size, true)
  ev.setUint16(10, entries.size, true)
  ev.setUint32(12, centralSize, true)
  ev.setUint32(16, offset, true)
  const parts = [...locals, ...centrals, end]
  const zip = new Uint8Array(offset + centralSize + end.length)
  let position = 0
  for (const part of parts) {
    zip.set(part, position)
    position += part.length
  }
  return zip
}

/** MS-DOS date and time fields (2-second resolution, years 1980–2107). */
function dosDateTime(epochSeconds: number): {time: number; date: number} {
  const min = Date.UTC(1980, 0, 1) / 1000
  const max = Date.UTC(2107, 11, 31, 23, 59, 58) / 1000
  const moment = new Date(Math.min(Math.max(epochSeconds, min), max) * 1000)
  return {
    time: (moment.getUTCHours() << 11) | (moment.getUTCMinutes() << 5) | (moment.getUTCSeconds() >> 1),
    date: ((moment.getUTCFullYear() - 1980) << 9) | ((moment.getUTCMonth() + 1) << 5) | moment.getUTCDate()
  }
}
