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

/** `U+4E00-9FFF,U+3000` → [[0x4e00, 0x9fff], [0x3000, 0x3000]]. */
export function parseUnicodeRange(value: string): Array<[number, number]> {
  return value.split(',').map((part) => {
    const [start = '0', end] = part.trim().replace(/^U\+/i, '').split('-')
    const first = Number.parseInt(start.replace(/\?/g, '0'), 16)
    const last = end ? Number.parseInt(end, 16) : Number.parseInt(start.replace(/\?/g, 'F'), 16)
    return [first, last]
  })
}

export function covers(face: FontFaceFile, codePoint: number): boolean {
  return face.ranges.length === 0 || face.ranges.some(([start, end]) => codePoint >= start && codePoint <= end)
}

/** Code points of a text, without whitespace (which needs no glyph). */
export function codePointsOf(text: string): Set<number> {
  const points = new Set<number>()
  for (const character of text) {
    const point = character.codePointAt(0) ?? 0
    if (points.has(point) || /\s/.test(character)) continue
    points.add(point)
  }
  return points
}

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
 * For each face, the indexes (into the sorted points) it covers. A CJK font
 * has ~400 subsets of ~30 ranges and a book ~3,000 distinct characters:
 * binary search per range instead of testing every point against every face.
 */
function coverage(faces: FontFaceFile[], sorted: number[]): Array<[FontFaceFile, number[]]> {
  return faces.map((face) => {
    if (face.ranges.length === 0) return [face, sorted.map((_, index) => index)]
    const covered: number[] = []
    for (const [start, end] of face.ranges) {
      for (let index = lowerBound(sorted, start); index < sorted.length && (sorted[index] ?? 0) <= end; index++) covered.push(index)
    }
    return [face, covered]
  })
}

/** The faces that hold at least one of the code points: what the page must load. */
export function facesFor(faces: FontFaceFile[], points: ReadonlySet<number>): FontFaceFile[] {
  const sorted = [...points].sort((a, b) => a - b)
  return coverage(faces, sorted)
    .filter(([, covered]) => covered.length > 0)
    .map(([face]) => face)
}

/** Code points that no face of the font covers: they would print as tofu or a fallback face. */
export function uncovered(faces: FontFaceFile[], points: ReadonlySet<number>): number[] {
  const sorted = [...points].sort((a, b) => a - b)
  const covered = new Uint8Array(sorted.length)
  for (const [, indexes] of coverage(faces, sorted)) for (const index of indexes) covered[index] = 1
  // In the text's order, so the first one named is the first one met.
  return [...points].filter((point) => covered[lowerBound(sorted, point)] !== 1)
}

/** @font-face rules for the faces, with URLs made by `urlOf`. */
export function fontFaceCss(faces: FontFaceFile[], urlOf: (face: FontFaceFile) => string): string {
  return faces
    .map((face) => {
      const range = face.ranges.length === 0
        ? ''
        : `\n  unicode-range: ${face.ranges.map(([a, b]) => (a === b ? `U+${a.toString(16)}` : `U+${a.toString(16)}-${b.toString(16)}`)).join(',')};`
      const format = face.file.endsWith('.woff2') ? 'woff2' : face.file.endsWith('.woff') ? 'woff' : 'truetype'
      return `@font-face {\n  font-family: '${face.family}';\n  font-style: normal;\n  font-weight: ${face.weight};\n  font-display: block;\n  src: url('${urlOf(face)}') format('${format}');${range}\n}`
    })
    .join('\n')
}
