import {getDocument} from 'pdfjs-dist/legacy/build/pdf.mjs'

/** One page of a PDF as a reader's text tool sees it: lines, top to bottom. */
export interface PdfPageText {
  /** 1-based physical page number. */
  number: number
  /** The page label (`i`, `1`), where the PDF has labels. */
  label: string | undefined
  /** Page height in points. */
  height: number
  lines: PdfLine[]
}

export interface PdfLine {
  text: string
  /** Baseline, in points from the page's bottom edge. */
  y: number
}

/**
 * The text of every page, with pdf.js (the PDF reader of Firefox): items
 * grouped into lines by their baseline, in the order the page draws them.
 */
export async function readPdfText(bytes: Uint8Array): Promise<PdfPageText[]> {
  // pdf.js detaches the buffer it is given, and refuses a Buffer: hand it a plain copy.
  const document = await getDocument({data: new Uint8Array(bytes), disableFontFace: true, isEvalSupported: false, useSystemFonts: false, verbosity: 0}).promise
  try {
    const labels = await document.getPageLabels()
    const pages: PdfPageText[] = []
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number)
      const content = await page.getTextContent()
      const lines: PdfLine[] = []
      let current = ''
      let baseline: number | undefined
      const end = (): void => {
        if (current.trim() && baseline !== undefined) lines.push({text: current.trim(), y: baseline})
        current = ''
      }
      for (const item of content.items) {
        if (!('str' in item)) continue
        const y = item.transform[5] ?? 0
        if (baseline !== undefined && Math.abs(y - baseline) > 2) end()
        baseline = y
        current += item.str
        if (item.hasEOL) end()
      }
      end()
      const [, , , top = 0] = page.view
      pages.push({number, label: labels?.[number - 1] ?? undefined, height: top, lines})
      page.cleanup()
    }
    return pages
  } finally {
    await document.destroy()
  }
}
