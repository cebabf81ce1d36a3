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
    if (/\s/.test(character)) continue
    points.add(character.codePointAt(0) ?? 0)
  }
  return points
}

/** The faces that hold at least one of the code points: what the page must load. */
export function facesFor(faces: FontFaceFile[], points: ReadonlySet<number>): FontFaceFile[] {
  return faces.filter((face) => {
    if (face.ranges.length === 0) return true
    for (const point of points) if (covers(face, point)) return true
    return false
  })
}

/** Code points that no face of the font covers: they would print as tofu or a fallback face. */
export function uncovered(faces: FontFaceFile[], points: ReadonlySet<number>): number[] {
  return [...points].filter((point) => !faces.some((face) => covers(face, point)))
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
