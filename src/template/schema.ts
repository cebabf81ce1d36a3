import {z} from 'zod'
import {pressOptionsSchema} from '../press/options.js'
import {chineseSizes, type ChineseSizeName} from './sizes.js'

/**
 * The template schema: what `templates/<name>/template.yaml` may hold.
 * Both writers read the resolved form of this (see resolve.ts), so the PDF and
 * the Word copy agree on page, fonts, sizes and heading levels.
 */

const sizeNames = Object.keys(chineseSizes) as [ChineseSizeName, ...ChineseSizeName[]]

/** A type size: a 字号 name (`五号`) or points (`10.5`). */
export const fontSize = z.union([z.enum(sizeNames), z.number().positive().max(200)])

const fontName = z.string().min(1).describe('a key of `fonts`')

const fontFiles = z.record(z.string().regex(/^\d{3}$/), z.string().min(1))
const fontWeights = z.array(z.number().int().min(100).max(900)).min(1)

/** A face the PDF can load: an npm package or font files. */
const pdfFace = z.strictObject({
  /** The family name inside the font (the PDF names its fonts after it). */
  family: z.string().min(1),
  /**
   * An npm font package in @fontsource layout (`<weight>.css` beside `files/`);
   * its faces are TrueType-flavoured woff2 that Chromium embeds as CID TrueType.
   */
  package: z.string().min(1).optional(),
  /** Font files by weight, relative to the template folder or absolute (for fonts a user licenses). */
  files: fontFiles.optional(),
  /** Weights the PDF loads; a weight used but not loaded would be synthesized (Type 3). */
  weights: fontWeights
})

export const fontFace = pdfFace.extend({
  /** The fonts Word and WPS users have, named as Word names them. */
  word: z.strictObject({
    eastAsia: z.string().min(1),
    /** The font Word falls back to when `eastAsia` is not installed (仿宋_GB2312 → 仿宋). */
    altName: z.string().min(1).optional(),
    latin: z.string().min(1)
  }),
  /**
   * The face the PDF uses when this one's `files` are not there (a font the
   * template wants but may not ship, such as 仿宋_GB2312): the build warns,
   * naming both. Without it, missing files stop the build.
   */
  substitute: pdfFace.optional()
})

const textStyle = z.strictObject({
  font: fontName,
  size: fontSize,
  weight: z.union([z.literal(400), z.literal(700)]).default(400),
  lineHeight: z.number().min(1).max(3).optional(),
  align: z.enum(['left', 'center', 'right', 'justify']).optional(),
  /** Space before and after, in lines of body text. */
  spaceBeforeLines: z.number().min(0).max(10).default(0),
  spaceAfterLines: z.number().min(0).max(10).default(0),
  /** The Word style name: built-in (`heading 1`, `Title`) or our own. */
  wordStyle: z.string().min(1).optional()
})

/** Heading styles by level: the first entry is level 1 (`##` in a source whose title is in front matter). */
const headingStyle = textStyle.extend({
  /**
   * `right`: start each heading of this level on a right-hand (odd) page, as
   * chapters of a book do; paiban inserts a blank page, without running head
   * or number, where one would start on a left page. Level 1 only (top-level
   * sections start a page); needs `page.twoSided`. Default `any`.
   */
  startOn: z.enum(['right', 'any']).default('any'),
  /** Start each heading of this level on a new page. */
  pageBreakBefore: z.boolean().default(false),
  /**
   * Run the heading into the paragraph after it ("（一）总体要求。正文…"), as
   * 公文 set levels 2–4; the heading stays a heading (outline, bookmarks, Word's
   * navigation pane). A heading followed by anything but a paragraph stands alone.
   */
  runIn: z.boolean().default(false),
  /** First-line indent in characters (公文 indent 一、 headings by 2, as paragraphs). */
  indentChars: z.number().min(0).max(4).default(0)
})

export const templateSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().default(''),
  page: z.strictObject({
    widthMm: z.number().min(50).max(1000),
    heightMm: z.number().min(50).max(1000),
    margin: z.strictObject({
      topMm: z.number().min(0),
      bottomMm: z.number().min(0),
      /** Binding side (订口): left on right-hand pages. */
      insideMm: z.number().min(0),
      outsideMm: z.number().min(0)
    }),
    /** Printed on both sides: inside/outside margins and page numbers mirror. */
    twoSided: z.boolean().default(true)
  }),
  fonts: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), fontFace),
  body: textStyle.extend({
    lineHeight: z.number().min(1).max(3),
    /** First-line indent in characters (2 in Chinese books). */
    indentChars: z.number().min(0).max(4).default(2)
  }),
  /** Heading styles by level: the first entry is level 1 (`##` in a source whose title is in front matter). */
  headings: z.array(headingStyle).min(1).max(6),
  /**
   * How tables are ruled: `grid` (every cell boxed) or `horizontal` (rules
   * between rows and at top and foot, none between columns, as Chinese books
   * often set them), `rulePt` thick.
   */
  table: z
    .strictObject({
      rules: z.enum(['grid', 'horizontal']).default('grid'),
      rulePt: z.number().min(0.25).max(3).default(0.5)
    })
    .default({rules: 'grid', rulePt: 0.5}),
  /**
   * A fixed grid, as GB/T 9704 asks (22 lines of 28 characters): body lines
   * are spaced so that `linesPerPage` lines fill the type height, and
   * characters tracked so that `charsPerLine` fill the type width. Word gets a
   * document grid (`w:docGrid`) with the same numbers. Without it, lines are
   * spaced by `body.lineHeight`.
   */
  grid: z
    .strictObject({
      linesPerPage: z.number().int().min(5).max(80),
      charsPerLine: z.number().int().min(5).max(80)
    })
    .optional(),
  /** Lead sentence of a run-in point ("一要…。"). */
  lead: z.strictObject({font: fontName, weight: z.union([z.literal(400), z.literal(700)])}),
  cover: z.strictObject({
    show: z.boolean(),
    title: textStyle,
    subtitle: textStyle,
    /** Issuing body and date at the cover's foot. */
    imprint: textStyle
  }),
  toc: z.strictObject({
    show: z.boolean(),
    title: z.string().default('目录'),
    depth: z.number().int().min(1).max(3).default(2),
    entry: textStyle
  }),
  /** Running heads (书眉): what stands on even and odd body pages. */
  runningHead: z.strictObject({
    even: z.enum(['title', 'section', 'none']),
    odd: z.enum(['title', 'section', 'none']),
    font: fontName,
    size: fontSize,
    /** A thin rule under the running head. */
    rule: z.boolean().default(true)
  }),
  pageNumber: z.strictObject({
    /** `{page}` stands for the number: `— {page} —`. */
    format: z.string().includes('{page}'),
    align: z.enum(['outside', 'center']),
    font: fontName,
    size: fontSize,
    /** From the type area's foot to the middle of the number's line (GB/T 9704: 7 mm to the dashes). */
    distanceMm: z.number().min(0).max(50).default(9),
    /** Space between the number and the type area's outer edge, in characters of its size (GB/T 9704: 1). Ignored when centred. */
    indentChars: z.number().min(0).max(10).default(0)
  }),
  /** Press outputs made with every PDF (docs/print.md); command-line flags override single fields. Default: none. */
  press: pressOptionsSchema.optional()
})

/** A template as written in YAML. */
export type TemplateInput = z.input<typeof templateSchema>
/** A template that passed validation. */
export type Template = z.output<typeof templateSchema>
export type TextStyle = z.output<typeof textStyle>
export type FontFace = z.output<typeof fontFace>
export type PdfFace = z.output<typeof pdfFace>
