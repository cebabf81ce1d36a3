import {PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, PDFStream, type PDFDocument, type PDFObject} from 'pdf-lib'
import {loadPdf, savePdf} from '../pdf/document.js'
import {bytesOf, decodeStream, numbers, pageContent, parseContent, setPageContent, spliceContent, type Operation} from './content-stream.js'

/**
 * Black text to pure K. Chromium writes `#000` as RGB `0 0 0 rg`; converted
 * through a CMYK profile that becomes a four-colour black of ~295 % ink
 * (`0.722 0.675 0.671 0.882 k` through Ghostscript's default_cmyk.icc),
 * which registers badly on small type. Rewritten as `0 0 0 1 k` before
 * conversion, it passes through untouched: one plate, no misregistration.
 * Only exact black (RGB 0 0 0, grey 0) changes; every other colour is left
 * to the colour conversion.
 */

type Family = 'rgb' | 'gray' | 'cmyk' | 'other'

interface SpaceState {
  /** The space the original content believes is current (for sc/scn). */
  declared: string
  /** The space our rewritten content has actually set. */
  actual: string
}

const deviceFamilies: Record<string, Family> = {DeviceRGB: 'rgb', DeviceGray: 'gray', DeviceCMYK: 'cmyk', CalRGB: 'rgb', CalGray: 'gray'}

/**
 * Rewrite one content stream. `familyOf` tells what a colour space name
 * (device name or resource) is. A page starts in DeviceGray black, so its
 * stream also gets a K-only initial colour; a form XObject inherits its
 * caller's colour and does not.
 */
export function pureBlackContent(content: string, familyOf: (name: string) => Family, kind: 'page' | 'form'): {content: string; changed: number} {
  const operations = parseContent(content)
  const replacements: Array<{operation: Operation; text: string}> = []
  // A page starts in DeviceGray black; the K-only prefix below makes it DeviceCMYK.
  const initial: SpaceState = kind === 'page' ? {declared: 'DeviceGray', actual: 'DeviceCMYK'} : {declared: 'inherited', actual: 'inherited'}
  let fill: SpaceState = {...initial}
  let stroke: SpaceState = {...initial}
  const stack: Array<{fill: SpaceState; stroke: SpaceState}> = []
  let changed = 0
  const black = (isFill: boolean): string => (isFill ? '0 0 0 1 k' : '0 0 0 1 K')

  for (const operation of operations) {
    const values = numbers(operation)
    const isFill = operation.operator === operation.operator.toLowerCase()
    const state = isFill ? fill : stroke
    switch (operation.operator) {
      case 'q':
        stack.push({fill: {...fill}, stroke: {...stroke}})
        break
      case 'Q':
        ;({fill, stroke} = stack.pop() ?? {fill, stroke})
        break
      case 'rg':
      case 'RG':
      case 'g':
      case 'G': {
        const space = operation.operator.toLowerCase() === 'rg' ? 'DeviceRGB' : 'DeviceGray'
        state.declared = space
        if (values && values.length > 0 && values.every((value) => value === 0)) {
          replacements.push({operation, text: black(isFill)})
          state.actual = 'DeviceCMYK'
          changed++
        } else {
          state.actual = space
        }
        break
      }
      case 'k':
      case 'K':
        state.declared = 'DeviceCMYK'
        state.actual = 'DeviceCMYK'
        break
      case 'cs':
      case 'CS': {
        const name = operation.operands[0]
        if (name?.type === 'name') {
          state.declared = name.value
          state.actual = name.value
        }
        break
      }
      case 'sc':
      case 'SC':
      case 'scn':
      case 'SCN': {
        const family = familyOf(state.declared)
        if ((family === 'rgb' || family === 'gray') && values && values.length > 0 && values.every((value) => value === 0)) {
          replacements.push({operation, text: black(isFill)})
          state.actual = 'DeviceCMYK'
          changed++
        } else if (state.actual !== state.declared && state.declared !== 'inherited') {
          // We replaced an earlier colour: re-establish the space the content expects.
          replacements.push({operation, text: `/${state.declared} ${isFill ? 'cs' : 'CS'} ${content.slice(operation.start, operation.end)}`})
          state.actual = state.declared
        }
        break
      }
      default:
        break
    }
  }
  const rewritten = spliceContent(content, replacements)
  return {content: kind === 'page' ? `0 0 0 1 k 0 0 0 1 K\n${rewritten}` : rewritten, changed}
}

/** What a colour space name stands for, through a resource dictionary. */
function spaceFamilies(document: PDFDocument, resources: PDFDict | undefined): (name: string) => Family {
  const spaces = resources?.lookupMaybe(PDFName.of('ColorSpace'), PDFDict)
  return (name) => {
    const device = deviceFamilies[name]
    if (device) return device
    const entry = spaces ? document.context.lookup(spaces.get(PDFName.of(name))) : undefined
    return familyOfObject(document, entry)
  }
}

function familyOfObject(document: PDFDocument, entry: PDFObject | undefined): Family {
  if (entry instanceof PDFName) return deviceFamilies[entry.decodeText()] ?? 'other'
  if (!(entry instanceof PDFArray)) return 'other'
  const kind = entry.lookupMaybe(0, PDFName)?.decodeText()
  if (kind && deviceFamilies[kind]) return deviceFamilies[kind] ?? 'other'
  if (kind === 'ICCBased') {
    const profile = entry.lookupMaybe(1, PDFStream)
    const components = profile?.dict.lookupMaybe(PDFName.of('N'), PDFNumber)?.asNumber()
    return components === 3 ? 'rgb' : components === 1 ? 'gray' : components === 4 ? 'cmyk' : 'other'
  }
  return 'other'
}

/**
 * Rewrite every page of `document` and every form XObject the pages use
 * (each once), in place. Returns how many colour operations became pure K.
 */
export function pureBlackDocument(document: PDFDocument): number {
  let changed = 0
  const seen = new Set<string>()
  const visitForms = (resources: PDFDict | undefined): void => {
    const xObjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict)
    for (const [, value] of xObjects?.entries() ?? []) {
      if (!(value instanceof PDFRef)) continue
      const key = value.toString()
      if (seen.has(key)) continue
      seen.add(key)
      const form = document.context.lookup(value)
      if (!(form instanceof PDFStream) || form.dict.lookupMaybe(PDFName.of('Subtype'), PDFName)?.decodeText() !== 'Form') continue
      const formResources = form.dict.lookupMaybe(PDFName.of('Resources'), PDFDict) ?? resources
      const result = pureBlackContent(decodeStream(form), spaceFamilies(document, formResources), 'form')
      changed += result.changed
      const replacement = document.context.flateStream(bytesOf(result.content))
      for (const [name, entry] of form.dict.entries()) {
        if (!['Length', 'Filter', 'DecodeParms'].includes(name.decodeText())) replacement.dict.set(name, entry)
      }
      document.context.assign(value, replacement)
      visitForms(formResources)
    }
  }
  for (const page of document.getPages()) {
    const resources = page.node.normalizedEntries().Resources
    const result = pureBlackContent(pageContent(page), spaceFamilies(document, resources), 'page')
    changed += result.changed
    setPageContent(document, page, result.content)
    visitForms(resources)
  }
  return changed
}

/** {@link pureBlackDocument} on PDF bytes. */
export async function pureBlack(pdf: Uint8Array): Promise<{bytes: Uint8Array; changed: number}> {
  const document = await loadPdf(pdf)
  const changed = pureBlackDocument(document)
  return {bytes: await savePdf(document, {objectStreams: false}), changed}
}
