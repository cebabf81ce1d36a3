import {z} from 'zod'
import {sheetNames, type SheetName} from './sheets.js'

/**
 * The press switches, as `paiban build` flags or a `press:` block would give
 * them: validated once here, at the edge. Lengths in mm.
 */
export const pressOptionsSchema = z.strictObject({
  /** Write `<name>.press.pdf`: bleed, crop marks, TrimBox/BleedBox. Implied by `pdfx`. */
  press: z.boolean().default(false),
  /** Bleed on every side, mm. 3 mm is what most print shops ask for. */
  bleedMm: z.number().min(0).max(20).default(3),
  /** `crop`: eight crop marks per page (and fold marks on imposed sheets); `none`: boxes only. */
  marks: z.enum(['crop', 'none']).default('crop'),
  /** Convert the press PDF (and the imposed one) to PDF/X-1a:2001 or PDF/X-3:2002 with Ghostscript. */
  pdfx: z.enum(['x1a', 'x3']).optional(),
  /** The printer's CMYK output profile for `pdfx`; default Ghostscript's generic default_cmyk.icc. */
  icc: z.string().min(1).optional(),
  /** Write `<name>.imposed.pdf`: pages 2-up in saddle-stitch order. */
  impose: z.enum(['saddle']).optional(),
  /** Sheet for `impose`; default the smallest of A4, A3, SRA3 that holds a spread. */
  sheet: z.enum(sheetNames as [SheetName, ...SheetName[]]).optional(),
  /** Creep compensation for `impose`: the innermost sheet's shift toward the spine, mm. */
  creepMm: z.number().min(0).max(10).default(0),
  /** Warn when a saddle-stitched booklet has more pages than this. */
  maxPages: z.number().int().min(4).max(1000).default(64)
})

/** As written (flags, YAML). */
export type PressOptionsInput = z.input<typeof pressOptionsSchema>
/** Validated, defaults filled in. */
export type PressOptions = z.output<typeof pressOptionsSchema>

/** Everything off: a build without press outputs. */
export const defaultPressOptions: PressOptions = pressOptionsSchema.parse({})

/** Whether any press output is due. */
export function wantsPressOutputs(options: PressOptions): boolean {
  return options.press || options.pdfx !== undefined || options.impose !== undefined
}
