import {readFileSync} from 'node:fs'
import path from 'node:path'
import type {ResolvedFont} from '../../template/resolve.js'

/** One @font-face: a file and the code points it covers. */
export interface FontFaceFile {
  family: string
  weight: number
  /** Absolute path of the font file (woff2 or ttf/otf). */
  file: string
  /** Covered code points as inclusive [start, end] ranges; empty = all. */
  ranges: Array<[number, number]>
}

const facesByCssFile = new Map<string, FontFaceFile[]>()

/**
 * The faces of a resolved font. @fontsource packages split a CJK font into
 * ~100 unicode-range subsets per weight; we read their CSS once per process
 * and keep only the subsets a document uses.
 */
export function fontFaces(font: ResolvedFont): FontFaceFile[] {
  const faces: FontFaceFile[] = []
  for (const source of font.sources) {
    if (source.fontFile) {
      faces.push({family: font.cssFamily, weight: source.weight, file: source.fontFile, ranges: []})
    } else if (source.cssFile) {
      faces.push(...readFontsourceCss(source.cssFile, font.cssFamily, source.weight))
    }
  }
  return faces
}

function readFontsourceCss(cssFile: string, family: string, weight: number): FontFaceFile[] {
  const cached = facesByCssFile.get(`${family}\n${cssFile}`)
  if (cached) return cached
  const css = readFileSync(cssFile, 'utf8')
  const faces: FontFaceFile[] = []
  for (const block of css.split('@font-face').slice(1)) {
    const url = /url\(\.?\/?([^)]+\.woff2)\)/.exec(block)?.[1]
    if (!url) continue
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1]
    faces.push({
      family,
      weight,
      file: path.join(path.dirname(cssFile), url),
      ranges: range ? parseUnicodeRange(range) : []
    })
  }
  facesByCssFile.set(`${family}\n${cssFile}`, faces)
  return faces
}

/**
 * Parsed unicode-range lists by their text. A package's weights (and
 * @fontsource's CJK packages among themselves) declare the same ~100 lists of
 * ~90 ranges each, so each list is parsed once per process.
 */
const rangesByText = new Map<string, Array<[number, number]>>()

/** `U+4E00-9FFF,U+3000` → [[0x4e00, 0x9fff], [0x3000, 0x3000]]. The result is shared: do not change it. */
export function parseUnicodeRange(value: string): Array<[number, number]> {
  let ranges = rangesByText.get(value)
  if (ranges) return ranges
  ranges = value.split(',').map((part): [number, number] => {
    const [start = '0', end] = part.trim().replace(/^U\+/i, '').split('-')
    const first = Number.parseInt(start.replace(/\?/g, '0'), 16)
    const last = end ? Number.parseInt(end, 16) : Number.parseInt(start.replace(/\?/g, 'F'), 16)
    return [first, last]
  })
  rangesByText.set(value, ranges)
  return ranges
}

export function covers(face: FontFaceFile, codePoint: number): boolean {
  return face.ranges.length === 0 || face.ranges.some(([start, end]) => codePoint >= start && codePoint <= end)
}

/** Code points of a text, without whitespace (which needs no glyph), in the order they first occur. */
export function codePointsOf(text: string): Set<number> {
  const points = new Set<number>()
  // Most characters repeat: a bit per BMP code point says "seen" faster than the Set.
  const seen = new Uint8Array(0x10000)
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index)
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
      const low = text.charCodeAt(index + 1)
      if (low >= 0xdc00 && low <= 0xdfff) {
        // An astral character (never whitespace).
        points.add((unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000)
        index++
        continue
      }
    }
    if (seen[unit] === 1) continue
    seen[unit] = 1
    if (!whitespace.test(String.fromCharCode(unit))) points.add(unit)
  }
  return points
}

const whitespace = /\s/

/** Index of the first of the sorted `points` that is ≥ `value`. */
function lowerBound(points: number[], value: number): number {
  let low = 0
  let high = points.length
  while (low < high) {
    const middle = (low + high) >> 1
    if ((points[middle] ?? 0) < value) low = middle + 1
    else high = middle
  }
  return low
}

/**
 * Which faces hold at least one of the points, and which points no face
 * holds. A CJK font has ~100 subsets of ~90 ranges per weight, the same
 * lists for every weight (parseUnicodeRange shares them), and a book ~3,000
 * distinct characters: each distinct list is matched once, by binary search
 * per range, instead of testing every point against every face.
 */
export function fontCoverage(faces: readonly FontFaceFile[], points: ReadonlySet<number>): {used: FontFaceFile[]; uncovered: number[]} {
  const sorted = [...points].sort((a, b) => a - b)
  const covered = new Uint8Array(sorted.length)
  const usedByRanges = new Map<ReadonlyArray<[number, number]>, boolean>()
  const used = faces.filter((face) => {
    if (face.ranges.length === 0) {
      covered.fill(1)
      return sorted.length > 0
    }
    let any = usedByRanges.get(face.ranges)
    if (any === undefined) {
      any = false
      for (const [start, end] of face.ranges) {
        for (let index = lowerBound(sorted, start); index < sorted.length && (sorted[index] ?? 0) <= end; index++) {
          covered[index] = 1
          any = true
        }
      }
      usedByRanges.set(face.ranges, any)
    }
    return any
  })
  // In the text's order, so the first one named is the first one met.
  const uncovered = [...points].filter((point) => covered[lowerBound(sorted, point)] !== 1)
  return {used, uncovered}
}

/** The `unicode-range` descriptor of a list of ranges, made once per list. */
const rangeDescriptors = new WeakMap<ReadonlyArray<[number, number]>, string>()

function rangeDescriptor(ranges: ReadonlyArray<[number, number]>): string {
  let descriptor = rangeDescriptors.get(ranges)
  if (descriptor === undefined) {
    descriptor = ranges.length === 0
      ? ''
      : `\n  unicode-range: ${ranges.map(([a, b]) => (a === b ? `U+${a.toString(16)}` : `U+${a.toString(16)}-${b.toString(16)}`)).join(',')};`
    rangeDescriptors.set(ranges, descriptor)
  }
  return descriptor
}

/** @font-face rules for the faces, with URLs made by `urlOf`. */
export function fontFaceCss(faces: FontFaceFile[], urlOf: (face: FontFaceFile) => string): string {
  return faces
    .map((face) => {
      const format = face.file.endsWith('.woff2') ? 'woff2' : face.file.endsWith('.woff') ? 'woff' : 'truetype'
      return `@font-face {\n  font-family: '${face.family}';\n  font-style: normal;\n  font-weight: ${face.weight};\n  font-display: block;\n  src: url('${urlOf(face)}') format('${format}');${rangeDescriptor(face.ranges)}\n}`
    })
    .join('\n')
}
