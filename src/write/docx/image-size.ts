/**
 * Format and pixel size of the raster images Word embeds, read from their
 * headers (docx needs both and has no reader of its own).
 */
export interface ImageInfo {
  type: 'png' | 'jpg' | 'gif' | 'bmp'
  widthPx: number
  heightPx: number
}

/** The image's format and size, or undefined for a format Word cannot take as is (SVG, WebP…). */
export function readImageInfo(data: Uint8Array): ImageInfo | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  const startsWith = (...bytes: number[]): boolean => bytes.every((byte, index) => data[index] === byte)
  if (data.length >= 24 && startsWith(0x89, 0x50, 0x4e, 0x47)) {
    // PNG: the IHDR chunk comes first; width and height at bytes 16 and 20.
    return {type: 'png', widthPx: view.getUint32(16), heightPx: view.getUint32(20)}
  }
  if (data.length >= 10 && startsWith(0x47, 0x49, 0x46)) {
    return {type: 'gif', widthPx: view.getUint16(6, true), heightPx: view.getUint16(8, true)}
  }
  if (data.length >= 26 && startsWith(0x42, 0x4d)) {
    return {type: 'bmp', widthPx: Math.abs(view.getInt32(18, true)), heightPx: Math.abs(view.getInt32(22, true))}
  }
  if (data.length >= 4 && startsWith(0xff, 0xd8)) return jpegInfo(data, view)
  return undefined
}

/** JPEG: walk the segments to the first start-of-frame marker (SOF0–SOF15 but DHT, JPG, DAC). */
function jpegInfo(data: Uint8Array, view: DataView): ImageInfo | undefined {
  let offset = 2
  while (offset + 9 < data.length) {
    if (data[offset] !== 0xff) return undefined
    const marker = data[offset + 1] ?? 0
    const length = view.getUint16(offset + 2)
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc
    if (isFrame) return {type: 'jpg', heightPx: view.getUint16(offset + 5), widthPx: view.getUint16(offset + 7)}
    offset += 2 + length
  }
  return undefined
}
