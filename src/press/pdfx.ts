import {createHash} from 'node:crypto'
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {PDFDict, PDFName, PDFStream, type PDFDocument} from 'pdf-lib'
import {listPdfFonts} from '../check/pdf-fonts.js'
import {PaibanError} from '../errors.js'
import {loadPdf, savePdf} from '../pdf/document.js'
import {latin1Text} from '../pdf/stream.js'
import {bytesOf, decodeStream} from './content-stream.js'
import {readBox, setBox} from './geometry.js'
import {runGhostscript} from './ghostscript.js'
import {findDefaultCmykProfile, readIccProfile, type IccProfile} from './icc.js'
import {expandToUnicode, pageTexts} from './page-text.js'
import {pdfxLabels, pdfxProblems, type PdfxVersion} from './pdfx-verify.js'
import {pureBlackDocument} from './pure-black.js'

export type {PdfxVersion} from './pdfx-verify.js'

export interface PdfxOptions {
  /** `x1a` (PDF/X-1a:2001, CMYK only) or `x3` (PDF/X-3:2002). Both are PDF 1.3, converted to the profile's CMYK. */
  version: PdfxVersion
  /**
   * The press's CMYK output profile (.icc), embedded as the output intent.
   * Default: Ghostscript's generic default_cmyk.icc (fine for proofs and
   * tests; ask the print shop for theirs).
   */
  iccProfile?: string
  /** Title, if the PDF has none (PDF/X requires one). */
  title?: string
  /** Creation and modification date, seconds since the epoch. Default: now. */
  sourceDateEpoch?: number
  /** Ghostscript executable. Default: `gs`. */
  ghostscript?: string
}

export interface PdfxResult {
  bytes: Uint8Array
  /** What the user should know: the profile used, black text moved to K. */
  notes: string[]
}

/**
 * Convert a PDF to PDF/X through Ghostscript (`-dPDFX`, pdfwrite), then
 * check the result and refuse to return a file that does not meet the
 * version it is labelled with. Before conversion: links dropped (not
 * allowed on a PDF/X page), black moved to pure K, ToUnicode maps spelt
 * out so Ghostscript 10.0 keeps the text right; a Type 3 font stops here,
 * since Ghostscript would turn its text into unreadable codes.
 * After: same text on every page, fonts embedded and not Type 3, no RGB,
 * no transparency, output intent and Info keys present, boxes nested.
 */
export async function convertToPdfx(pdf: Uint8Array, options: Readonly<PdfxOptions>): Promise<PdfxResult> {
  const notes: string[] = []
  const profileFile = options.iccProfile ?? findDefaultCmykProfile()
  if (!profileFile) {
    throw new PaibanError('E_ICC_PROFILE', 'No ICC profile given and Ghostscript’s default_cmyk.icc not found', {
      hint: 'Give the printer’s CMYK output profile with --icc, or install Ghostscript (`apt-get install ghostscript`).'
    })
  }
  const profile = await readIccProfile(profileFile)
  if (!options.iccProfile) notes.push(`output intent: Ghostscript’s generic “${profile.description}”; give the printer’s profile with --icc`)

  const document = await loadPdf(pdf)
  checkFontsConvertible(document)
  const before = pageTexts(document)
  prepare(document, options.title)
  const black = pureBlackDocument(document)
  if (black > 0) notes.push(`black text and rules set in pure K (${black} colour settings)`)
  const prepared = await savePdf(document, {objectStreams: false})

  const directory = await mkdtemp(path.join(os.tmpdir(), 'paiban-pdfx-'))
  try {
    const input = path.join(directory, 'in.pdf')
    const output = path.join(directory, 'out.pdf')
    const definitions = path.join(directory, 'pdfx.ps')
    await writeFile(input, prepared)
    await writeFile(definitions, pdfxDefinitions(options.version, profile))
    await runGhostscript({
      executable: options.ghostscript ?? 'gs',
      args: [
        '-q', '-dBATCH', '-dNOPAUSE', '-dPDFX', '-dCompatibilityLevel=1.3',
        '-sDEVICE=pdfwrite', '-sColorConversionStrategy=CMYK', '-sProcessColorModel=DeviceCMYK',
        '-dAutoRotatePages=/None', '-dEmbedAllFonts=true',
        `--permit-file-read=${profile.file}`,
        `-sOutputFile=${output}`, definitions, input
      ],
      ...(options.sourceDateEpoch === undefined ? {} : {env: {SOURCE_DATE_EPOCH: String(options.sourceDateEpoch)}})
    })
    const bytes = stableId(new Uint8Array(await readFile(output)))
    const converted = await loadPdf(bytes)
    const problems = pdfxProblems(bytes, converted, options.version)
    const after = pageTexts(converted)
    if (after.length !== before.length) problems.push(`${after.length} pages after conversion, ${before.length} before`)
    before.forEach((text, index) => {
      const now = after[index] ?? ''
      if (now !== text) problems.push(`page ${index + 1}: the text changed in conversion (${firstDifference(text, now)})`)
    })
    if (problems.length > 0) {
      throw new PaibanError('E_PDFX', `Ghostscript’s output is not ${pdfxLabels[options.version].conformance ?? pdfxLabels[options.version].version}: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` and ${problems.length - 5} more` : ''}`, {
        hint: 'No PDF/X file was written. Check `gs --version` (10.0 or later) and the fonts (`pdffonts`); report the file if it persists.'
      })
    }
    return {bytes, notes}
  } finally {
    await rm(directory, {recursive: true, force: true})
  }
}

/** Type 3 fonts lose their text in Ghostscript's conversion; unembedded fonts cannot be PDF/X. */
function checkFontsConvertible(document: PDFDocument): void {
  const fonts = listPdfFonts(document)
  const type3 = fonts.find((font) => font.subtype === 'Type3')
  if (type3) {
    throw new PaibanError('E_CHECK', `Type 3 font ${type3.name} on page ${type3.firstPage}: its text would not survive PDF/X conversion`, {
      hint: 'Type 3 fonts come from CFF fonts or synthesized bold: use TrueType-flavoured fonts and load every weight the template uses.'
    })
  }
  const loose = fonts.find((font) => !font.embedded)
  if (loose) {
    throw new PaibanError('E_CHECK', `Font ${loose.name} on page ${loose.firstPage} is not embedded; PDF/X requires every font embedded`, {
      hint: 'Use fonts the PDF embeds (the template’s font packages).'
    })
  }
}

/** Remove what PDF/X does not allow and spell out ToUnicode maps. */
function prepare(document: PDFDocument, title: string | undefined): void {
  for (const key of ['OpenAction', 'AA', 'AcroForm']) document.catalog.delete(PDFName.of(key))
  document.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.delete(PDFName.of('JavaScript'))
  if (!document.getTitle()) document.setTitle(title ?? 'Untitled')
  for (const page of document.getPages()) {
    page.node.delete(PDFName.of('Annots'))
    page.node.delete(PDFName.of('AA'))
    const media = readBox(page, 'MediaBox')
    if (!readBox(page, 'TrimBox') && media) setBox(page, 'TrimBox', media)
  }
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.lookupMaybe(PDFName.of('Type'), PDFName)?.decodeText() !== 'Font') continue
    const toUnicode = object.lookupMaybe(PDFName.of('ToUnicode'), PDFStream)
    if (!toUnicode) continue
    const cmap = decodeStream(toUnicode)
    const expanded = expandToUnicode(cmap)
    if (expanded !== cmap) object.set(PDFName.of('ToUnicode'), document.context.register(document.context.flateStream(bytesOf(expanded))))
  }
}

/** A PostScript hex string: safe for any bytes, including non-ASCII names. */
function psString(text: string): string {
  return `<${Buffer.from(text, 'utf8').toString('hex')}>`
}

/**
 * The prologue Ghostscript runs before the PDF (after its lib/PDFX_def.ps):
 * the Info keys of the version, and the output intent with the profile embedded.
 */
function pdfxDefinitions(version: PdfxVersion, profile: IccProfile): string {
  const labels = pdfxLabels[version]
  return `%!
[ /GTS_PDFXVersion ${psString(labels.version)}${labels.conformance ? ` /GTS_PDFXConformance ${psString(labels.conformance)}` : ''}
  /Trapped /False
/DOCINFO pdfmark
[/_objdef {icc_PDFX} /type /stream /OBJ pdfmark
[{icc_PDFX} << /N 4 >> /PUT pdfmark
[{icc_PDFX} ${psString(profile.file)} (r) file /PUT pdfmark
[/_objdef {OutputIntent_PDFX} /type /dict /OBJ pdfmark
[{OutputIntent_PDFX} <<
  /Type /OutputIntent
  /S /GTS_PDFX
  /OutputCondition ${psString(profile.description)}
  /OutputConditionIdentifier (Custom)
  /Info ${psString(profile.description)}
  /RegistryName (http://www.color.org)
  /DestOutputProfile {icc_PDFX}
>> /PUT pdfmark
[{Catalog} << /OutputIntents [ {OutputIntent_PDFX} ] >> /PUT pdfmark
`
}

/**
 * Ghostscript's file identifier mixes in the time and the file name; replace
 * it (same length, in place) by a hash of the file, so the same input gives
 * the same bytes.
 */
function stableId(bytes: Uint8Array): Uint8Array {
  const text = latin1Text(bytes.subarray(Math.max(0, bytes.length - 4096)))
  const match = /\/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>\s*\]/g
  let last: RegExpExecArray | undefined
  for (let found = match.exec(text); found; found = match.exec(text)) last = found
  if (!last) return bytes
  const offset = bytes.length - text.length + last.index
  const result = new Uint8Array(bytes)
  const zero = bytesOf(last[0].replace(/[0-9A-Fa-f]{32}/g, '0'.repeat(32)))
  result.set(zero, offset)
  const id = createHash('sha256').update(result).digest('hex').slice(0, 32).toUpperCase()
  result.set(bytesOf(last[0].replace(/[0-9A-Fa-f]{32}/g, id)), offset)
  return result
}

function firstDifference(before: string, after: string): string {
  let index = 0
  while (index < before.length && before[index] === after[index]) index++
  return `“${before.slice(index, index + 6)}” became “${after.slice(index, index + 6)}”`
}
