import {existsSync} from 'node:fs'
import path from 'node:path'
import {PaibanError} from '../errors.js'
import {packageRoot, requireFromPaiban} from '../paths.js'
import type {FontFace, PdfFace, Template, TextStyle} from './schema.js'
import {chineseSizes} from './sizes.js'
import {typeHeightPt, typeWidthPt} from './type-area.js'

/** A font with every file it needs found on disk. */
export interface ResolvedFont {
  key: string
  /** The family inside the font the PDF uses (its fonts are named after it). */
  family: string
  /**
   * The family name the page's CSS declares it under: `family`, or, when two
   * roles load faces of one family (仿宋 and 小标宋 substitutes both from Noto
   * Serif SC), `family` and the role's key, so each role gets its own weights.
   */
  cssFamily: string
  weights: number[]
  /** Set when the template's face was not found and its declared substitute is used. */
  substituted: {wanted: string; files: string[]} | undefined
  /** For each weight, the @font-face stylesheet (package fonts) or the font file. */
  sources: Array<{weight: number; cssFile?: string; fontFile?: string}>
  word: FontFace['word']
}

export interface ResolvedTextStyle {
  font: ResolvedFont
  sizePt: number
  weight: 400 | 700
  lineHeight: number
  align: 'left' | 'center' | 'right' | 'justify'
  spaceBeforeLines: number
  spaceAfterLines: number
  wordStyle: string | undefined
}

export interface ResolvedHeadingStyle extends ResolvedTextStyle {
  level: number
  pageBreakBefore: boolean
  /** `right`: each heading of this level starts a right-hand page (level 1 only). */
  startOn: 'right' | 'any'
  runIn: boolean
  indentChars: number
}

/**
 * The grid of a template that fixes lines per page and characters per line
 * (GB/T 9704: 22 × 28), in points.
 */
export interface ResolvedGrid {
  linesPerPage: number
  charsPerLine: number
  /** Type width over characters per line: each character's advance. */
  charPitchPt: number
  /**
   * Baseline to baseline. The 22 lines fill the type height when the first
   * line's text and the last line's, each taken as a 1.2 em line of the body
   * size, touch its top and foot: (height − 1.2 × size) / (lines − 1).
   */
  linePitchPt: number
}

/** What travels past the build: one unit per quantity (mm, pt), fonts found. */
export interface ResolvedTemplate {
  name: string
  directory: string
  page: Template['page']
  fonts: ResolvedFont[]
  body: ResolvedTextStyle & {indentChars: number}
  headings: ResolvedHeadingStyle[]
  table: Template['table']
  grid: ResolvedGrid | undefined
  lead: {font: ResolvedFont; weight: 400 | 700}
  cover: {show: boolean; title: ResolvedTextStyle; subtitle: ResolvedTextStyle; imprint: ResolvedTextStyle}
  toc: {show: boolean; title: string; depth: number; entry: ResolvedTextStyle}
  runningHead: Omit<Template['runningHead'], 'font' | 'size'> & {font: ResolvedFont; sizePt: number}
  pageNumber: Omit<Template['pageNumber'], 'font' | 'size'> & {font: ResolvedFont; sizePt: number}
  /** Stylesheets in cascade order: styles/base.css, then the template's own. */
  stylesheets: string[]
  /** What the build should tell the user: fonts substituted. */
  warnings: string[]
  /** Press outputs the template asks for with every PDF. */
  press: Template['press']
}

export function toPoints(size: number | keyof typeof chineseSizes): number {
  return typeof size === 'number' ? size : chineseSizes[size]
}

export function resolveTemplate(template: Template, directory: string): ResolvedTemplate {
  const fonts = resolveFonts(template.fonts, directory)
  const fontByKey = (key: string): ResolvedFont => {
    const found = fonts.find((font) => font.key === key)
    // load.ts checked every reference; reaching this is a bug in paiban.
    if (!found) throw new Error(`Font \`${key}\` not declared`)
    return found
  }
  const grid = template.grid ? resolveGrid(template) : undefined
  const lineHeight = template.body.lineHeight
  const style = (input: TextStyle): ResolvedTextStyle => ({
    font: fontByKey(input.font),
    sizePt: toPoints(input.size),
    weight: input.weight,
    // On a grid every line, whatever its size, takes one line pitch.
    lineHeight: grid ? grid.linePitchPt / toPoints(input.size) : (input.lineHeight ?? lineHeight),
    align: input.align ?? 'left',
    spaceBeforeLines: input.spaceBeforeLines,
    spaceAfterLines: input.spaceAfterLines,
    wordStyle: input.wordStyle
  })
  const stylesheets = [path.join(packageRoot, 'styles', 'base.css')]
  for (const candidate of [path.join(directory, 'template.css'), path.join(packageRoot, 'styles', `${template.name}.css`)]) {
    if (existsSync(candidate)) {
      stylesheets.push(candidate)
      break
    }
  }
  return {
    name: template.name,
    directory,
    page: template.page,
    fonts,
    body: {...style(template.body), align: template.body.align ?? 'justify', indentChars: template.body.indentChars},
    headings: template.headings.map((heading, index) => ({
      ...style(heading),
      level: index + 1,
      startOn: heading.startOn,
      pageBreakBefore: heading.pageBreakBefore,
      runIn: heading.runIn,
      indentChars: heading.indentChars
    })),
    table: template.table,
    grid,
    lead: {font: fontByKey(template.lead.font), weight: template.lead.weight},
    cover: {
      show: template.cover.show,
      title: style(template.cover.title),
      subtitle: style(template.cover.subtitle),
      imprint: style(template.cover.imprint)
    },
    toc: {show: template.toc.show, title: template.toc.title, depth: template.toc.depth, entry: style(template.toc.entry)},
    runningHead: {...template.runningHead, font: fontByKey(template.runningHead.font), sizePt: toPoints(template.runningHead.size)},
    pageNumber: {...template.pageNumber, font: fontByKey(template.pageNumber.font), sizePt: toPoints(template.pageNumber.size)},
    stylesheets,
    warnings: fonts.flatMap((font) => (font.substituted ? [substitutionWarning(font)] : [])),
    press: template.press
  }
}

/** GB/T 9704 grid numbers from the page and the body size. */
function resolveGrid(template: Template): ResolvedGrid {
  const {page, body} = template
  const grid = template.grid
  if (!grid) throw new Error('resolveGrid without a grid')
  const widthPt = typeWidthPt(page)
  const heightPt = typeHeightPt(page)
  const sizePt = toPoints(body.size)
  return {
    linesPerPage: grid.linesPerPage,
    charsPerLine: grid.charsPerLine,
    charPitchPt: widthPt / grid.charsPerLine,
    linePitchPt: (heightPt - 1.2 * sizePt) / (grid.linesPerPage - 1)
  }
}

function substitutionWarning(font: ResolvedFont): string {
  const where = font.substituted?.files.length ? ` (no ${font.substituted.files.join(', ')})` : ''
  return (
    `Font \`${font.key}\`: ${font.substituted?.wanted ?? font.word.eastAsia} is not available${where}; ` +
    `the PDF sets it in the substitute ${font.family}. Point \`fonts.${font.key}.files\` at your licensed font files to use it; the Word copy names ${font.word.eastAsia} either way.`
  )
}

/** Every font of the template; roles sharing a family get CSS names of their own. */
function resolveFonts(faces: Template['fonts'], directory: string): ResolvedFont[] {
  const resolved = Object.entries(faces).map(([key, face]) => resolveFont(key, face, directory))
  const count = new Map<string, number>()
  for (const font of resolved) count.set(font.family, (count.get(font.family) ?? 0) + 1)
  return resolved.map((font) => ((count.get(font.family) ?? 0) > 1 ? {...font, cssFamily: `${font.family} ${font.key}`} : font))
}

/**
 * Find every file of a font. A font that cannot be found is an error naming
 * it (a silent fallback would print tofu or a Type 3 system face), unless the
 * template declares a substitute: then the substitute, with a warning.
 */
function resolveFont(key: string, face: FontFace, directory: string): ResolvedFont {
  const base = {key, word: face.word}
  if (face.substitute) {
    const wanted = Object.values(face.files ?? {}).map((file) => path.resolve(directory, file))
    if (wanted.length > 0 && wanted.every((file) => existsSync(file))) {
      return {...base, ...resolveFace(face, directory), substituted: undefined}
    }
    return {...base, ...resolveFace(face.substitute, directory), substituted: {wanted: face.family, files: wanted.filter((file) => !existsSync(file))}}
  }
  return {...base, ...resolveFace(face, directory), substituted: undefined}
}

function resolveFace(face: PdfFace, directory: string): Pick<ResolvedFont, 'family' | 'cssFamily' | 'weights' | 'sources'> {
  const sources: ResolvedFont['sources'] = []
  for (const weight of face.weights) {
    const file = face.files?.[String(weight)]
    if (file) {
      const fontFile = path.resolve(directory, file)
      if (!existsSync(fontFile)) throw fontMissing(face.family, weight, fontFile)
      sources.push({weight, fontFile})
      continue
    }
    if (!face.package) throw fontMissing(face.family, weight, undefined)
    let cssFile: string
    try {
      cssFile = requireFromPaiban.resolve(`${face.package}/${weight}.css`)
    } catch {
      throw fontMissing(face.family, weight, `${face.package}/${weight}.css`)
    }
    sources.push({weight, cssFile})
  }
  return {family: face.family, cssFamily: face.family, weights: face.weights, sources}
}

function fontMissing(family: string, weight: number, where: string | undefined): PaibanError {
  return new PaibanError('E_FONT_MISSING', `Font \`${family}\` weight ${weight} not found${where ? ` (${where})` : ''}`, {
    hint: 'Run `npm ci` to install the font packages, or point the template’s `fonts.<name>.files` at font files you have.'
  })
}
