import {existsSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {PaibanError} from '../errors.js'
import {packageRoot} from '../paths.js'
import {chineseSizes, type FontFace, type Template, type TextStyle} from './schema.js'

/** A font with every file it needs found on disk. */
export interface ResolvedFont {
  key: string
  family: string
  weights: number[]
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
}

/** What travels past the build: one unit per quantity (mm, pt), fonts found. */
export interface ResolvedTemplate {
  name: string
  directory: string
  page: Template['page']
  fonts: ResolvedFont[]
  body: ResolvedTextStyle & {indentChars: number}
  headings: ResolvedHeadingStyle[]
  lead: {font: ResolvedFont; weight: 400 | 700}
  cover: {show: boolean; title: ResolvedTextStyle; subtitle: ResolvedTextStyle; imprint: ResolvedTextStyle}
  toc: {show: boolean; title: string; depth: number; entry: ResolvedTextStyle}
  runningHead: Omit<Template['runningHead'], 'font' | 'size'> & {font: ResolvedFont; sizePt: number}
  pageNumber: Omit<Template['pageNumber'], 'font' | 'size'> & {font: ResolvedFont; sizePt: number}
  /** Stylesheets in cascade order: styles/base.css, then the template's own. */
  stylesheets: string[]
}

export function toPoints(size: number | keyof typeof chineseSizes): number {
  return typeof size === 'number' ? size : chineseSizes[size]
}

export function resolveTemplate(template: Template, directory: string): ResolvedTemplate {
  const fonts = Object.entries(template.fonts).map(([key, face]) => resolveFont(key, face, directory))
  const fontByKey = (key: string): ResolvedFont => {
    const found = fonts.find((font) => font.key === key)
    // load.ts checked every reference; reaching this is a bug in paiban.
    if (!found) throw new Error(`Font \`${key}\` not declared`)
    return found
  }
  const lineHeight = template.body.lineHeight
  const style = (input: TextStyle): ResolvedTextStyle => ({
    font: fontByKey(input.font),
    sizePt: toPoints(input.size),
    weight: input.weight,
    lineHeight: input.lineHeight ?? lineHeight,
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
      pageBreakBefore: heading.pageBreakBefore
    })),
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
    stylesheets
  }
}

/**
 * Find every file of a font. A font that cannot be found is an error naming
 * it: a silent fallback would print tofu or a Type 3 system face.
 */
function resolveFont(key: string, face: FontFace, directory: string): ResolvedFont {
  const sources: ResolvedFont['sources'] = []
  const require = createRequire(path.join(packageRoot, 'package.json'))
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
      cssFile = require.resolve(`${face.package}/${weight}.css`)
    } catch {
      throw fontMissing(face.family, weight, `${face.package}/${weight}.css`)
    }
    sources.push({weight, cssFile})
  }
  return {key, family: face.family, weights: face.weights, sources, word: face.word}
}

function fontMissing(family: string, weight: number, where: string | undefined): PaibanError {
  return new PaibanError('E_FONT_MISSING', `Font \`${family}\` weight ${weight} not found${where ? ` (${where})` : ''}`, {
    hint: 'Run `npm ci` to install the font packages, or point the template’s `fonts.<name>.files` at font files you have.'
  })
}
