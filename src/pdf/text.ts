import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFStream,
  type PDFDocument,
  type PDFObject,
  type PDFPage
} from 'pdf-lib'
import {apply, identity, multiply, type Matrix} from './matrix.js'
import {latin1Text, pageContentBytes, streamBytes} from './stream.js'

/** One page of a PDF as a reader's text tool sees it: lines, top to bottom. */
export interface PdfPageText {
  /** 1-based physical page number. */
  number: number
  /** Page height in points. */
  height: number
  lines: PdfLine[]
}

export interface PdfLine {
  text: string
  /** Left edge of the line, in points. */
  x: number
  /** Bottom of the line (poppler, pdf.js) or its baseline (the content reader), in points from the page's bottom edge. */
  y: number
}

/**
 * The text of a PDF's pages read from their content streams, through each
 * font's ToUnicode map: what a reader copies out of the PDF, in the order the
 * page draws it (Chromium draws in document order), each line placed by its
 * baseline. Poppler takes about 4 ms a page for the same (it lays out words
 * and parses the fonts); this takes a tenth of that, on the PDF the build has
 * already parsed. Lines break where the baseline moves.
 */
export function readContentText(document: PDFDocument, range: {last?: number; pages?: PDFPage[]} = {}): PdfPageText[] {
  const fonts = new FontCache(document)
  // `pages`: the document's pages as they were when it was printed, should pages have been added since.
  const pages = (range.pages ?? document.getPages()).slice(0, range.last)
  return pages.map((page, index) => ({number: index + 1, height: page.getHeight(), lines: pageLines(page, document, fonts)}))
}

interface Collector {
  lines: PdfLine[]
  current: {text: string; x: number; y: number} | undefined
}

function pageLines(page: PDFPage, document: PDFDocument, fonts: FontCache): PdfLine[] {
  const collector: Collector = {lines: [], current: undefined}
  runContent(pageContentBytes(page), page.node.Resources(), identity, document, fonts, collector, 0)
  endLine(collector)
  return collector.lines
}

function endLine(collector: Collector): void {
  const line = collector.current
  if (line && line.text.trim()) collector.lines.push({text: line.text.trim(), x: line.x, y: line.y})
  collector.current = undefined
}

function show(collector: Collector, text: string, x: number, y: number): void {
  const current = collector.current
  // Baselines within half a point are one line (a superscript or a font switch does not break it).
  if (current && Math.abs(current.y - y) <= 0.5) {
    current.text += text
    return
  }
  endLine(collector)
  collector.current = {text, x, y}
}

/** Character classes of content-stream bytes: 1 white space, 2 delimiter, 0 regular. */
const byteClass = new Uint8Array(256)
for (const code of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) byteClass[code] = 1
for (const code of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) byteClass[code] = 2

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30
  if (code >= 0x41 && code <= 0x46) return code - 0x37
  if (code >= 0x61 && code <= 0x66) return code - 0x57
  return -1
}

/**
 * Run a content stream's text and graphics-state operators; forms (Do) are
 * run in place. One pass over the bytes: operands are kept as numbers,
 * names and strings (one character per byte) until their operator comes;
 * arrays are flattened (TJ reads its strings), dictionaries (marked-content
 * properties) and inline images skipped.
 */
function runContent(source: Uint8Array, resources: PDFDict | undefined, start: Matrix, document: PDFDocument, fonts: FontCache, collector: Collector, depth: number): void {
  const fontResources = resources?.lookupMaybe(PDFName.of('Font'), PDFDict)
  const xObjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict)
  const stack: Matrix[] = []
  let ctm = start
  let textMatrix = identity
  let lineMatrix = identity
  let leading = 0
  let font: Font | undefined
  // Operands since the last operator (counted, not cleared: clearing an array costs more than reading it).
  const numbers: number[] = []
  let numberCount = 0
  const strings: string[] = []
  let stringCount = 0
  let name = ''
  const fontsByName = new Map<string, Font | undefined>()
  const moveText = (tx: number, ty: number): void => {
    lineMatrix = multiply([1, 0, 0, 1, tx, ty], lineMatrix)
    textMatrix = lineMatrix
  }
  const showStrings = (): void => {
    if (!font || stringCount === 0) return
    let bytes = strings[0] ?? ''
    for (let index = 1; index < stringCount; index++) bytes += strings[index] ?? ''
    const [x, y] = apply(ctm, textMatrix[4], textMatrix[5])
    show(collector, font.decode(bytes), x, y)
  }
  const last = (back: number): number => (numberCount >= back ? (numbers[numberCount - back] ?? 0) : 0)
  const six = (): Matrix => {
    const n = numberCount
    return [numbers[n - 6] ?? 0, numbers[n - 5] ?? 0, numbers[n - 4] ?? 0, numbers[n - 3] ?? 0, numbers[n - 2] ?? 0, numbers[n - 1] ?? 0]
  }
  const runForm = (formName: string): void => {
    const object = xObjects ? xObjects.lookup(PDFName.of(formName)) : undefined
    if (!(object instanceof PDFStream) || depth >= 8 || object.dict.lookupMaybe(PDFName.of('Subtype'), PDFName)?.asString() !== '/Form') return
    const matrix = object.dict.lookupMaybe(PDFName.of('Matrix'), PDFArray)
    const formMatrix = matrix ? (matrix.asArray().map((entry) => (entry instanceof PDFNumber ? entry.asNumber() : 0)) as Matrix) : identity
    const formResources = object.dict.lookupMaybe(PDFName.of('Resources'), PDFDict) ?? resources
    runContent(streamBytes(object), formResources, multiply(formMatrix, ctm), document, fonts, collector, depth + 1)
  }
  const length = source.length
  let index = 0
  while (index < length) {
    const code = source[index] ?? 0
    if (byteClass[code] === 1) {
      index++
    } else if (code === 0x25 /* % */) {
      while (index < length && source[index] !== 0x0a && source[index] !== 0x0d) index++
    } else if (code === 0x5b || code === 0x5d /* [ ] */) {
      index++
    } else if (code === 0x2f /* / */) {
      const begin = ++index
      while (index < length && byteClass[source[index] ?? 0] === 0) index++
      name = latin1(source, begin, index)
    } else if (code === 0x3c /* < */) {
      if (source[index + 1] === 0x3c) {
        index = skipDictionary(source, index)
      } else {
        index++
        let value = ''
        let high = -1
        while (index < length && source[index] !== 0x3e) {
          const digit = hexValue(source[index] ?? 0)
          index++
          if (digit === -1) continue
          if (high === -1) {
            high = digit
          } else {
            value += String.fromCharCode(high * 16 + digit)
            high = -1
          }
        }
        if (high !== -1) value += String.fromCharCode(high * 16)
        index++
        strings[stringCount++] = value
      }
    } else if (code === 0x28 /* ( */) {
      const [value, end] = literalString(source, index)
      index = end
      strings[stringCount++] = value
    } else if ((code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x2b || code === 0x2e) {
      // A number, read digit by digit: making a string of each costs more than all the rest.
      let sign = 1
      if (code === 0x2d || code === 0x2b) {
        if (code === 0x2d) sign = -1
        index++
      }
      let value = 0
      let scale = 0
      while (index < length) {
        const next = source[index] ?? 0
        if (next >= 0x30 && next <= 0x39) {
          if (scale === 0) value = value * 10 + (next - 0x30)
          else {
            value += (next - 0x30) / scale
            scale *= 10
          }
        } else if (next === 0x2e && scale === 0) {
          scale = 10
        } else {
          break
        }
        index++
      }
      numbers[numberCount++] = sign * value
    } else {
      const begin = index
      while (index < length && byteClass[source[index] ?? 0] === 0) index++
      if (index === begin) index++
      // Operators of one or two bytes, by their bytes; the longer ones (marked content, BI's ID) change nothing here.
      const size = index - begin
      const operator = size === 1 ? (source[begin] ?? 0) : size === 2 ? (source[begin] ?? 0) * 256 + (source[begin + 1] ?? 0) : -1
      switch (operator) {
        case 0x71 /* q */:
          stack.push(ctm)
          break
        case 0x51 /* Q */:
          ctm = stack.pop() ?? ctm
          break
        case 0x636d /* cm */:
          ctm = multiply(six(), ctm)
          break
        case 0x4254 /* BT */:
          textMatrix = identity
          lineMatrix = identity
          break
        case 0x5466 /* Tf */: {
          if (!fontsByName.has(name)) {
            const reference = fontResources?.get(PDFName.of(name))
            fontsByName.set(name, reference ? fonts.get(reference) : undefined)
          }
          font = fontsByName.get(name)
          break
        }
        case 0x544c /* TL */:
          leading = last(1)
          break
        case 0x5464 /* Td */:
          moveText(last(2), last(1))
          break
        case 0x5444 /* TD */:
          leading = -last(1)
          moveText(last(2), last(1))
          break
        case 0x546d /* Tm */:
          lineMatrix = six()
          textMatrix = lineMatrix
          break
        case 0x542a /* T* */:
          moveText(0, -leading)
          break
        case 0x546a /* Tj */:
        case 0x544a /* TJ */:
          // TJ's numbers (kerning) are left out.
          showStrings()
          break
        case 0x27 /* ' */:
        case 0x22 /* " */:
          moveText(0, -leading)
          showStrings()
          break
        case 0x446f /* Do */:
          runForm(name)
          break
        case 0x4249 /* BI */:
          index = inlineImageEnd(source, index)
          break
      }
      numberCount = 0
      stringCount = 0
    }
  }
}

/**
 * Where an inline image that starts at `from` (after BI) ends: past the EI
 * that follows its data between whitespace, as press/content-stream.ts reads
 * it. Its data may hold the bytes "EI" anywhere else.
 */
function inlineImageEnd(source: Uint8Array, from: number): number {
  const bytes = Buffer.from(source.buffer, source.byteOffset, source.byteLength)
  const data = bytes.indexOf('ID', from)
  if (data === -1) return source.length
  for (let end = bytes.indexOf('EI', data + 2); end !== -1; end = bytes.indexOf('EI', end + 1)) {
    const after = end + 2
    if (byteClass[source[end - 1] ?? 0] === 1 && (after >= source.length || byteClass[source[after] ?? 0] === 1)) return after
  }
  return source.length
}

function latin1(source: Uint8Array, begin: number, end: number): string {
  return end - begin === 1 ? String.fromCharCode(source[begin] ?? 0) : latin1Text(source.subarray(begin, end))
}

function skipDictionary(source: Uint8Array, start: number): number {
  let depth = 0
  let index = start
  while (index < source.length) {
    if (source[index] === 0x3c && source[index + 1] === 0x3c) {
      depth++
      index += 2
    } else if (source[index] === 0x3e && source[index + 1] === 0x3e) {
      depth--
      index += 2
      if (depth === 0) return index
    } else if (source[index] === 0x28) {
      index = literalString(source, index)[1]
    } else {
      index++
    }
  }
  return index
}

const escapes: Record<string, string> = {n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\'}

/**
 * A literal string `( … )` from `start`: its bytes (one character each) and
 * the index after it, read from the bytes (no copy of what follows it as
 * text: Ghostscript's output has hundreds of these a page). At most 64 KB.
 */
function literalString(bytes: Uint8Array, start: number): [string, number] {
  const limit = Math.min(bytes.length, start + 65536)
  const at = (index: number): number => (index < limit ? (bytes[index] ?? -1) : -1)
  let depth = 0
  let value = ''
  let index = start
  while (index < limit) {
    const code = at(index)
    if (code === 0x5c /* \ */) {
      const next = at(index + 1)
      if (isOctal(next)) {
        let octal = 0
        let digits = 0
        while (digits < 3 && isOctal(at(index + 1 + digits))) octal = octal * 8 + (at(index + 1 + digits++) - 0x30)
        value += String.fromCharCode(octal & 0xff)
        index += 1 + digits
      } else {
        if (next !== 0x0a && next !== 0x0d) {
          const character = next === -1 ? '' : String.fromCharCode(next)
          value += escapes[character] ?? character
        }
        index += 2
      }
      continue
    }
    if (code === 0x28 /* ( */) {
      if (depth > 0) value += '('
      depth++
    } else if (code === 0x29 /* ) */) {
      depth--
      if (depth === 0) return [value, index + 1]
      value += ')'
    } else {
      value += String.fromCharCode(code)
    }
    index++
  }
  return [value, index]
}

function isOctal(code: number): boolean {
  return code >= 0x30 && code <= 0x37
}

/** A font's codes to text: its ToUnicode map, codes of its width (2 bytes for Type 0 fonts). */
interface Font {
  decode(bytes: string): string
}

class FontCache {
  readonly #document: PDFDocument
  readonly #fonts = new Map<string, Font>()

  constructor(document: PDFDocument) {
    this.#document = document
  }

  get(reference: PDFObject): Font | undefined {
    const key = reference instanceof PDFRef ? reference.toString() : undefined
    const cached = key ? this.#fonts.get(key) : undefined
    if (cached) return cached
    const dict = this.#document.context.lookup(reference)
    if (!(dict instanceof PDFDict)) return undefined
    const font = readFont(dict)
    if (key) this.#fonts.set(key, font)
    return font
  }
}

function readFont(dict: PDFDict): Font {
  const type0 = dict.lookupMaybe(PDFName.of('Subtype'), PDFName)?.asString() === '/Type0'
  const toUnicode = dict.lookup(PDFName.of('ToUnicode'))
  const cmap = toUnicode instanceof PDFStream ? latin1Text(streamBytes(toUnicode)) : undefined
  const map = cmap === undefined ? new Map<number, string>() : parseToUnicode(cmap)
  const width = (cmap === undefined ? undefined : codeWidth(cmap)) ?? (type0 ? 2 : 1)
  return {
    decode(bytes) {
      let text = ''
      for (let index = 0; index + width <= bytes.length; index += width) {
        let code = 0
        for (let byte = 0; byte < width; byte++) code = code * 256 + bytes.charCodeAt(index + byte)
        // A code without a mapping is marked in a Type 0 font; a simple font's byte is read as Latin-1.
        text += map.get(code) ?? (width === 1 ? String.fromCharCode(code) : '\uFFFD')
      }
      return text
    }
  }
}

/** Bytes per character code, from a CMap's codespace; undefined when it names none. */
export function codeWidth(cmap: string): number | undefined {
  const space = /begincodespacerange\s*<([0-9A-Fa-f]+)>/.exec(cmap)
  return space ? Math.max(1, Math.ceil((space[1] ?? '').length / 2)) : undefined
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
        // The last UTF-16 unit counts up through the range (at most 65,536 codes: a wider range is not a font's).
        for (let code = first; code <= last && code - first < 0x10000; code++) {
          map.set(code, base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + (code - first)))
        }
      }
    }
  }
  return map
}
