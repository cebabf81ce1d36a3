import {PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, PDFStream, PDFString, PDFHexString, type PDFDocument, type PDFObject} from 'pdf-lib'
import {listPdfFonts} from '../check/pdf-fonts.js'
import {decodeStream, pageContent, parseContent} from './content-stream.js'
import {readBox, type Rect} from './geometry.js'

export type PdfxVersion = 'x1a' | 'x3'

/** What each version writes into the Info dictionary (ISO 15930-1:2001, 15930-3:2002). */
export const pdfxLabels: Record<PdfxVersion, {version: string; conformance?: string}> = {
  x1a: {version: 'PDF/X-1:2001', conformance: 'PDF/X-1a:2001'},
  x3: {version: 'PDF/X-3:2002'}
}

/**
 * Everything that keeps a file from being the PDF/X it is labelled: the
 * checks of ISO 15930-1 and -3 that a file can fail after Ghostscript,
 * read from the file itself. An empty list means it may carry the label.
 */
export function pdfxProblems(bytes: Uint8Array, document: PDFDocument, version: PdfxVersion): string[] {
  const problems: string[] = []
  const header = /^%PDF-(\d)\.(\d)/.exec(String.fromCharCode(...bytes.subarray(0, 16)))
  if (!header || Number(header[1]) !== 1 || Number(header[2]) > 3) problems.push(`PDF version ${header ? `${header[1]}.${header[2]}` : 'unknown'}, expected 1.3 or lower`)
  const trailer = document.context.trailerInfo
  if (trailer.Encrypt) problems.push('the file is encrypted')
  if (!trailer.ID) problems.push('the trailer has no /ID')

  const info = document.context.lookup(trailer.Info)
  const text = (dict: PDFDict | undefined, key: string): string | undefined => {
    const value = dict?.lookup(PDFName.of(key))
    return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined
  }
  const infoDict = info instanceof PDFDict ? info : undefined
  const labels = pdfxLabels[version]
  if (text(infoDict, 'GTS_PDFXVersion') !== labels.version) problems.push(`GTS_PDFXVersion is ${text(infoDict, 'GTS_PDFXVersion') ?? 'missing'}, expected ${labels.version}`)
  if (labels.conformance && text(infoDict, 'GTS_PDFXConformance') !== labels.conformance) problems.push(`GTS_PDFXConformance is not ${labels.conformance}`)
  const trapped = infoDict?.lookupMaybe(PDFName.of('Trapped'), PDFName)?.decodeText()
  if (trapped !== 'True' && trapped !== 'False') problems.push('/Trapped is neither /True nor /False')
  for (const key of ['Title', 'CreationDate', 'ModDate']) if (!text(infoDict, key)) problems.push(`the Info dictionary has no ${key}`)

  const intents = document.catalog.lookupMaybe(PDFName.of('OutputIntents'), PDFArray)
  const intent = intents?.asArray().map((entry) => document.context.lookup(entry)).find(
    (entry): entry is PDFDict => entry instanceof PDFDict && entry.lookupMaybe(PDFName.of('S'), PDFName)?.decodeText() === 'GTS_PDFX'
  )
  if (!intent) problems.push('no GTS_PDFX output intent')
  else {
    if (!text(intent, 'OutputConditionIdentifier')) problems.push('the output intent has no OutputConditionIdentifier')
    const profile = intent.lookupMaybe(PDFName.of('DestOutputProfile'), PDFStream)
    if (!profile) problems.push('the output intent has no DestOutputProfile')
    else if (profile.dict.lookupMaybe(PDFName.of('N'), PDFNumber)?.asNumber() !== 4) problems.push('the output profile is not CMYK')
  }

  document.getPages().forEach((page, index) => {
    const where = `page ${index + 1}`
    const media = readBox(page, 'MediaBox')
    const trim = readBox(page, 'TrimBox')
    const bleed = readBox(page, 'BleedBox') ?? media
    if (!trim) problems.push(`${where} has no TrimBox`)
    else if (!media || !bleed || !inside(trim, bleed) || !inside(bleed, media)) problems.push(`${where}: TrimBox, BleedBox and MediaBox are not nested`)
    if (page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.size()) problems.push(`${where} has annotations`)
  })

  for (const font of listPdfFonts(document)) {
    if (font.subtype === 'Type3') problems.push(`Type 3 font ${font.name} on page ${font.firstPage}`)
    else if (!font.embedded) problems.push(`font ${font.name} on page ${font.firstPage} is not embedded`)
  }
  problems.push(...colourProblems(document, version))
  return problems
}

function inside(inner: Rect, outer: Rect): boolean {
  const slack = 0.01
  return inner.x >= outer.x - slack && inner.y >= outer.y - slack &&
    inner.x + inner.width <= outer.x + outer.width + slack && inner.y + inner.height <= outer.y + outer.height + slack
}

/** Colour spaces a PDF/X with a CMYK output intent may not use in its content. */
const forbiddenSpaces: Record<PdfxVersion, Set<string>> = {
  // X-1a: CMYK, grey and spot colours only.
  x1a: new Set(['DeviceRGB', 'CalRGB', 'CalGray', 'Lab', 'ICCBased']),
  // X-3: device-independent colour is allowed, device RGB is not (the intent is CMYK).
  x3: new Set(['DeviceRGB'])
}

/**
 * RGB operators, forbidden colour spaces and transparency in every page
 * and form XObject: the content a CMYK-only press cannot take.
 */
function colourProblems(document: PDFDocument, version: PdfxVersion): string[] {
  const problems = new Set<string>()
  const forbidden = forbiddenSpaces[version]
  const spaceName = (space: PDFObject | undefined): string | undefined => {
    const resolved = space === undefined ? undefined : document.context.lookup(space)
    if (resolved instanceof PDFName) return resolved.decodeText()
    if (resolved instanceof PDFArray) return resolved.lookupMaybe(0, PDFName)?.decodeText()
    return undefined
  }
  const seen = new Set<string>()
  const visit = (content: string, resources: PDFDict | undefined, where: string): void => {
    for (const operation of parseContent(content)) {
      if (operation.operator === 'rg' || operation.operator === 'RG') problems.add(`${where}: RGB colour (${operation.operator})`)
      if ((operation.operator === 'cs' || operation.operator === 'CS') && operation.operands[0]?.type === 'name') {
        const name = operation.operands[0].value
        const space = forbidden.has(name) ? name : spaceName(resources?.lookupMaybe(PDFName.of('ColorSpace'), PDFDict)?.get(PDFName.of(name)))
        if (space && forbidden.has(space)) problems.add(`${where}: ${space} colour space`)
      }
    }
    for (const [, state] of resources?.lookupMaybe(PDFName.of('ExtGState'), PDFDict)?.entries() ?? []) {
      const dict = document.context.lookup(state)
      if (!(dict instanceof PDFDict)) continue
      const smask = dict.get(PDFName.of('SMask'))
      if (smask && !(smask instanceof PDFName && smask.decodeText() === 'None')) problems.add(`${where}: soft mask (transparency)`)
      for (const key of ['CA', 'ca']) {
        const alpha = dict.lookupMaybe(PDFName.of(key), PDFNumber)?.asNumber()
        if (alpha !== undefined && alpha !== 1) problems.add(`${where}: opacity ${alpha} (transparency)`)
      }
      const blend = dict.lookupMaybe(PDFName.of('BM'), PDFName)?.decodeText()
      if (blend && blend !== 'Normal' && blend !== 'Compatible') problems.add(`${where}: blend mode ${blend} (transparency)`)
    }
    for (const [, value] of resources?.lookupMaybe(PDFName.of('XObject'), PDFDict)?.entries() ?? []) {
      const key = value instanceof PDFRef ? value.toString() : ''
      if (seen.has(key)) continue
      seen.add(key)
      const xObject = document.context.lookup(value)
      if (!(xObject instanceof PDFStream)) continue
      const subtype = xObject.dict.lookupMaybe(PDFName.of('Subtype'), PDFName)?.decodeText()
      if (subtype === 'Image') {
        const space = spaceName(xObject.dict.get(PDFName.of('ColorSpace')))
        if (space && forbidden.has(space)) problems.add(`${where}: ${space} image`)
        if (xObject.dict.has(PDFName.of('SMask'))) problems.add(`${where}: image with a soft mask (transparency)`)
      } else if (subtype === 'Form') {
        const group = xObject.dict.lookupMaybe(PDFName.of('Group'), PDFDict)
        if (group?.lookupMaybe(PDFName.of('S'), PDFName)?.decodeText() === 'Transparency') problems.add(`${where}: transparency group`)
        visit(decodeStream(xObject), xObject.dict.lookupMaybe(PDFName.of('Resources'), PDFDict) ?? resources, where)
      }
    }
  }
  document.getPages().forEach((page, index) => {
    const group = page.node.lookupMaybe(PDFName.of('Group'), PDFDict)
    if (group?.lookupMaybe(PDFName.of('S'), PDFName)?.decodeText() === 'Transparency') problems.add(`page ${index + 1}: transparency group`)
    visit(pageContent(page), page.node.normalizedEntries().Resources, `page ${index + 1}`)
  })
  return [...problems]
}
