import {PDFDict, PDFDocument, PDFName, PDFRef} from 'pdf-lib'

/** A font as a PDF holds it. */
export interface PdfFont {
  /** BaseFont without the subset tag (`NotoSerifSC-Regular`); `[none]` for nameless Type 3. */
  name: string
  subtype: string
  embedded: boolean
  /** 1-based page where it is first used. */
  firstPage: number
}

/** Every font the PDF's pages (and their form XObjects) use. */
export function listPdfFonts(document: PDFDocument): PdfFont[] {
  const fonts = new Map<string, PdfFont>()
  const visitResources = (resources: PDFDict | undefined, pageNumber: number, seen: Set<string>): void => {
    if (!resources) return
    const fontDict = resources.lookupMaybe(PDFName.of('Font'), PDFDict)
    for (const [, value] of fontDict?.entries() ?? []) {
      const key = value instanceof PDFRef ? value.toString() : String(fonts.size)
      if (fonts.has(key)) continue
      const font = document.context.lookup(value)
      if (font instanceof PDFDict) fonts.set(key, describeFont(font, pageNumber))
    }
    const xObjects = resources.lookupMaybe(PDFName.of('XObject'), PDFDict)
    for (const [, value] of xObjects?.entries() ?? []) {
      const id = value.toString()
      if (seen.has(id)) continue
      seen.add(id)
      const xObject = document.context.lookup(value)
      const dict = xObject && 'dict' in xObject ? (xObject as unknown as {dict: PDFDict}).dict : undefined
      visitResources(dict?.lookupMaybe(PDFName.of('Resources'), PDFDict), pageNumber, seen)
    }
  }
  document.getPages().forEach((page, index) => {
    visitResources(page.node.lookupMaybe(PDFName.of('Resources'), PDFDict), index + 1, new Set())
  })
  return [...fonts.values()]
}

function describeFont(font: PDFDict, firstPage: number): PdfFont {
  const subtype = font.lookupMaybe(PDFName.of('Subtype'), PDFName)?.decodeText() ?? 'unknown'
  const baseFont = font.lookupMaybe(PDFName.of('BaseFont'), PDFName)?.decodeText()
  let descriptor = font.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict)
  let cidSubtype: string | undefined
  if (subtype === 'Type0') {
    const descendants = font.lookup(PDFName.of('DescendantFonts'))
    const descendant = descendants && 'lookupMaybe' in descendants
      ? (descendants as unknown as {lookupMaybe(index: number, type: typeof PDFDict): PDFDict | undefined}).lookupMaybe(0, PDFDict)
      : undefined
    descriptor = descendant?.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict)
    cidSubtype = descendant?.lookupMaybe(PDFName.of('Subtype'), PDFName)?.decodeText()
  }
  const embedded = subtype === 'Type3' || ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor?.has(PDFName.of(key)))
  return {
    name: baseFont ? baseFont.replace(/^[A-Z]{6}\+/, '') : '[none]',
    subtype: cidSubtype ?? subtype,
    embedded,
    firstPage
  }
}

/**
 * What is wrong with the PDF's fonts for a print shop: Type 3 fonts (from CFF
 * faces or synthetic bold), fonts not embedded, and faces that are none of
 * the template's (a silent fallback to a system font).
 */
export function fontProblems(fonts: PdfFont[], expectedFamilies: string[]): string[] {
  const prefixes = expectedFamilies.map((family) => family.replace(/\s+/g, '').toLowerCase())
  const problems: string[] = []
  for (const font of fonts) {
    if (font.subtype === 'Type3') {
      problems.push(`Type 3 font ${font.name} on page ${font.firstPage}: a weight or glyph the template’s fonts lack was synthesized or taken from a system font`)
    } else if (!font.embedded) {
      problems.push(`Font ${font.name} on page ${font.firstPage} is not embedded`)
    } else if (!prefixes.some((prefix) => font.name.toLowerCase().startsWith(prefix))) {
      problems.push(`Font ${font.name} on page ${font.firstPage} is none of the template’s (${expectedFamilies.join(', ')}): a fallback face`)
    }
  }
  return problems
}
