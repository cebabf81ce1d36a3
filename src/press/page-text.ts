import {PDFDict, PDFName, PDFRef, PDFStream, type PDFDocument} from 'pdf-lib'
import {decodeStream, pageContent, parseContent, type ContentValue} from './content-stream.js'

/**
 * The text of each page as its fonts' ToUnicode maps spell it, in content
 * order, whitespace dropped. The press step compares this before and after
 * Ghostscript: a font whose text would no longer extract, or a character
 * that changed, fails the conversion instead of reaching the printer.
 */
export function pageTexts(document: PDFDocument): string[] {
  const decoders = new Map<string, Decoder>()
  return document.getPages().map((page) => {
    const parts: string[] = []
    const resources = page.node.normalizedEntries().Resources
    readText(document, pageContent(page), resources, parts, decoders, new Set())
    return parts.join('').replace(/\s+/gu, '')
  })
}

interface Decoder {
  /** Bytes per character code: 2 for Type 0 (Identity-H), 1 for simple fonts. */
  width: 1 | 2
  map: Map<number, string>
}

function readText(document: PDFDocument, content: string, resources: PDFDict | undefined, parts: string[], decoders: Map<string, Decoder>, forms: Set<string>): void {
  const fonts = resources?.lookupMaybe(PDFName.of('Font'), PDFDict)
  const xObjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict)
  let decoder: Decoder | undefined
  const show = (value: ContentValue | undefined): void => {
    if (value?.type === 'string' && decoder) parts.push(decode(value.bytes, decoder))
    if (value?.type === 'array') for (const item of value.items) show(item)
  }
  for (const operation of parseContent(content)) {
    switch (operation.operator) {
      case 'Tf': {
        const name = operation.operands[0]
        const reference = name?.type === 'name' ? fonts?.get(PDFName.of(name.value)) : undefined
        decoder = reference ? decoderFor(document, reference, decoders) : undefined
        break
      }
      case 'Tj':
      case 'TJ':
      case "'":
        show(operation.operands.at(-1))
        break
      case '"':
        show(operation.operands[2])
        break
      case 'Do': {
        const name = operation.operands[0]
        const reference = name?.type === 'name' ? xObjects?.get(PDFName.of(name.value)) : undefined
        const form = reference ? document.context.lookup(reference) : undefined
        if (!(form instanceof PDFStream) || form.dict.lookupMaybe(PDFName.of('Subtype'), PDFName)?.decodeText() !== 'Form') break
        const key = reference?.toString() ?? ''
        if (forms.has(key)) break
        forms.add(key)
        readText(document, decodeStream(form), form.dict.lookupMaybe(PDFName.of('Resources'), PDFDict) ?? resources, parts, decoders, forms)
        forms.delete(key)
        break
      }
      default:
        break
    }
  }
}

function decoderFor(document: PDFDocument, reference: unknown, decoders: Map<string, Decoder>): Decoder | undefined {
  const key = reference instanceof PDFRef ? reference.toString() : undefined
  const cached = key ? decoders.get(key) : undefined
  if (cached) return cached
  const font = document.context.lookup(reference as PDFRef)
  if (!(font instanceof PDFDict)) return undefined
  const width = font.lookupMaybe(PDFName.of('Subtype'), PDFName)?.decodeText() === 'Type0' ? 2 : 1
  const toUnicode = font.lookupMaybe(PDFName.of('ToUnicode'), PDFStream)
  const decoder: Decoder = {width, map: toUnicode ? parseToUnicode(decodeStream(toUnicode)) : new Map()}
  if (key) decoders.set(key, decoder)
  return decoder
}

function decode(bytes: number[], decoder: Decoder): string {
  let text = ''
  for (let index = 0; index + decoder.width <= bytes.length; index += decoder.width) {
    const code = decoder.width === 2 ? ((bytes[index] ?? 0) << 8) | (bytes[index + 1] ?? 0) : (bytes[index] ?? 0)
    // A code without a mapping is marked, so a lost mapping is a difference too.
    text += decoder.map.get(code) ?? (decoder.width === 1 ? String.fromCharCode(code) : `\uFFFD`)
  }
  return text
}

/** A ToUnicode CMap: bfchar and bfrange (both forms), destinations in UTF-16BE. */
export function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>()
  const utf16 = (hex: string): string => {
    const units: number[] = []
    for (let index = 0; index + 4 <= hex.length; index += 4) units.push(Number.parseInt(hex.slice(index, index + 4), 16))
    if (hex.length === 2) units.push(Number.parseInt(hex, 16))
    return String.fromCharCode(...units)
  }
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, destination] of (body ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g)) {
      map.set(Number.parseInt(code ?? '0', 16), utf16(destination ?? ''))
    }
  }
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, low, high, destination, list] of (body ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]+)>|\[([^\]]*)\])/g)) {
      const first = Number.parseInt(low ?? '0', 16)
      const last = Number.parseInt(high ?? '0', 16)
      if (list !== undefined) {
        const targets = [...list.matchAll(/<([0-9A-Fa-f]*)>/g)].map((match) => utf16(match[1] ?? ''))
        targets.forEach((target, offset) => map.set(first + offset, target))
      } else if (destination !== undefined) {
        const base = utf16(destination)
        for (let code = first; code <= last; code++) {
          // The last UTF-16 unit counts up through the range.
          map.set(code, base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + (code - first)))
        }
      }
    }
  }
  return map
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
  const codeLength = /begincodespacerange\s*<([0-9A-Fa-f]+)>/.exec(cmap)?.[1]?.length ?? 4
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
