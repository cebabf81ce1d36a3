import type {PDFDocument} from 'pdf-lib'
import {codeWidth, parseToUnicode, readContentText} from '../pdf/text.js'

/**
 * The text of each page as its fonts' ToUnicode maps spell it, in content
 * order, whitespace dropped. The press step compares this before and after
 * Ghostscript: a font whose text would no longer extract, or a character
 * that changed, fails the conversion instead of reaching the printer.
 */
export function pageTexts(document: PDFDocument): string[] {
  return readContentText(document).map((page) => page.lines.map((line) => line.text).join('').replace(/\s+/gu, ''))
}

/**
 * Rewrite a ToUnicode CMap with every bfrange spelled out as bfchar entries
 * (at most 100 per block, as the CMap format requires). The mapping is the
 * same; Ghostscript 10.0's PDF interpreter misreads bfrange destinations
 * (“、” came out as “1”, “主” vanished) and writes them into its own CMaps,
 * while it reads bfchar entries right.
 */
export function expandToUnicode(cmap: string): string {
  if (!/beginbfrange/.test(cmap)) return cmap
  const map = parseToUnicode(cmap)
  const codeLength = (codeWidth(cmap) ?? 2) * 2
  const hex = (text: string): string => [...text].flatMap((character) => {
    const units: string[] = []
    for (let index = 0; index < character.length; index++) units.push(character.charCodeAt(index).toString(16).padStart(4, '0').toUpperCase())
    return units
  }).join('')
  const entries = [...map.entries()].sort(([a], [b]) => a - b).map(([code, text]) => `<${code.toString(16).padStart(codeLength, '0').toUpperCase()}> <${hex(text)}>`)
  const blocks: string[] = []
  for (let index = 0; index < entries.length; index += 100) {
    const chunk = entries.slice(index, index + 100)
    blocks.push(`${chunk.length} beginbfchar\n${chunk.join('\n')}\nendbfchar`)
  }
  const start = cmap.search(/\d+\s+beginbfchar|\d+\s+beginbfrange/)
  const endMatch = /endbfrange|endbfchar/g
  let end = start
  for (let match = endMatch.exec(cmap); match; match = endMatch.exec(cmap)) end = match.index + match[0].length
  return `${cmap.slice(0, start)}${blocks.join('\n')}${cmap.slice(end)}`
}
