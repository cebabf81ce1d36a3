import path from 'node:path'
import type {BuildContext} from '../context.js'
import {PaibanError} from '../errors.js'
import {addBleedAndMarks} from './bleed-marks.js'
import {imposeSaddle} from './impose.js'
import {pressOptionsSchema, wantsPressOutputs, type PressOptions} from './options.js'
import {convertToPdfx} from './pdfx.js'

/**
 * Print production: what a print shop gets besides the reading PDF.
 * Every function takes PDF bytes and typed options and returns PDF bytes;
 * `producePressOutputs` is what `paiban build --press …` calls.
 */

export {addBleedAndMarks, bleedDefaults, type BleedOptions, type MarksKind} from './bleed-marks.js'
export {creepShiftMm, imposeDefaults, imposeSaddle, saddleOrder, type ImposeOptions, type ImposeResult, type SheetSide} from './impose.js'
export {convertToPdfx, type PdfxOptions, type PdfxResult, type PdfxVersion} from './pdfx.js'
export {pdfxProblems} from './pdfx-verify.js'
export {pureBlack} from './pure-black.js'
export {readIccProfile, findDefaultCmykProfile} from './icc.js'
export {sheetNames, sheetSizes, type SheetName} from './geometry.js'
export {defaultPressOptions, pressOptionsSchema, wantsPressOutputs, type PressOptions, type PressOptionsInput} from './options.js'

export interface PressOutput {
  /** Written as `<name>.<suffix>` beside the reading PDF. */
  suffix: 'press.pdf' | 'imposed.pdf'
  bytes: Uint8Array
  /** For the user: blanks added, the profile used, a page count past the staple's limit. */
  notes: string[]
}

/**
 * Validate press switches (CLI flags or a `press:` block): a PaibanError
 * (E_USAGE, exit 2) naming the field and what it accepts.
 */
export function parsePressOptions(input: unknown): PressOptions {
  const result = pressOptionsSchema.safeParse(input)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const field = issue?.path.join('.') || 'press'
  throw new PaibanError('E_USAGE', `Invalid press option \`${field}\`: ${issue?.message ?? 'invalid'}`, {
    hint: 'Press options: --press, --bleed MM (0–20), --marks crop|none, --pdfx x1a|x3, --icc PROFILE, --impose saddle, --sheet A4|A3|SRA3, --creep MM, --max-pages N.'
  })
}

/**
 * The press outputs of one document, from its reading PDF:
 * - `press.pdf` when `press` (or `pdfx`): bleed and crop marks around the
 *   template's nominal trim; converted to PDF/X when `pdfx` is set.
 * - `imposed.pdf` when `impose: 'saddle'`: the reading PDF 2-up in folding
 *   order; with `press`, from the bleed version, with crop and fold marks
 *   on the sheet and converted to PDF/X like the press PDF.
 * Nothing is written here; the caller writes `<name>.<suffix>` atomically.
 */
export async function producePressOutputs(readingPdf: Uint8Array, context: BuildContext, options: PressOptions): Promise<PressOutput[]> {
  if (!wantsPressOutputs(options)) return []
  const press = options.press || options.pdfx !== undefined
  const trimMm = {widthMm: context.template.page.widthMm, heightMm: context.template.page.heightMm}
  const pdfx = async (bytes: Uint8Array): Promise<{bytes: Uint8Array; notes: string[]}> =>
    options.pdfx
      ? convertToPdfx(bytes, {
          version: options.pdfx,
          ...(options.icc ? {iccProfile: path.resolve(context.projectRoot, options.icc)} : {}),
          title: context.document.meta.title,
          sourceDateEpoch: context.sourceDateEpoch
        })
      : {bytes, notes: []}

  const outputs: PressOutput[] = []
  if (press) {
    const marked = await addBleedAndMarks(readingPdf, {bleedMm: options.bleedMm, marks: options.marks, trimMm})
    const converted = await pdfx(marked)
    outputs.push({suffix: 'press.pdf', bytes: converted.bytes, notes: converted.notes})
  }
  if (options.impose === 'saddle') {
    const pages = press ? await addBleedAndMarks(readingPdf, {bleedMm: options.bleedMm, marks: 'none', trimMm}) : readingPdf
    const imposed = await imposeSaddle(pages, {
      ...(options.sheet ? {sheet: options.sheet} : {}),
      creepMm: options.creepMm,
      maxPages: options.maxPages,
      marks: press ? options.marks : 'none',
      bleedMm: press ? options.bleedMm : 0
    })
    const converted = press ? await pdfx(imposed.bytes) : {bytes: imposed.bytes, notes: []}
    outputs.push({
      suffix: 'imposed.pdf',
      bytes: converted.bytes,
      notes: [imposeNote(imposed), ...imposed.warnings, ...converted.notes.filter((note) => !note.startsWith('black text'))]
    })
  }
  return outputs
}

/** "12 pages on 3 A4 sheets, 2 blank pages added at the end". */
export function imposeNote(result: {pageCount: number; blanksAdded: number; sheets: number; sheet: string}): string {
  const blanks = result.blanksAdded === 0 ? '' : `, ${result.blanksAdded} blank page${result.blanksAdded === 1 ? '' : 's'} added at the end`
  return `${result.pageCount + result.blanksAdded} pages on ${result.sheets} ${result.sheet} sheet${result.sheets === 1 ? '' : 's'}${blanks}`
}
