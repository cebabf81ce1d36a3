import {PDFName, PDFStream, type PDFDocument, type PDFPage} from 'pdf-lib'
import {latin1Text, pageContentBytes, streamBytes} from '../pdf/stream.js'

/**
 * A small reader for PDF content streams (ISO 32000-1 §7.8.2): enough to
 * find colour and text operators, and to splice replacements in without
 * touching anything else. Streams are handled as Latin-1 strings, so a
 * string offset is a byte offset and binary data survives a round trip.
 */

export type ContentValue =
  | {type: 'number'; value: number}
  | {type: 'name'; value: string}
  | {type: 'string'; bytes: number[]}
  | {type: 'array'; items: ContentValue[]}
  | {type: 'dict'; entries: Map<string, ContentValue>}
  | {type: 'keyword'; value: string}

export interface Operation {
  operator: string
  operands: ContentValue[]
  /** Offset of the first operand (or of the operator when it has none). */
  start: number
  /** Offset just past the operator. */
  end: number
}

const whitespace = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20])
const delimiters = new Set([...'()<>[]{}/%'].map((character) => character.charCodeAt(0)))

function isRegular(code: number): boolean {
  return !whitespace.has(code) && !delimiters.has(code)
}

/** Every operation of a content stream, in order. Inline images (BI … ID … EI) are one `BI` operation. */
export function parseContent(source: string): Operation[] {
  const operations: Operation[] = []
  let position = 0
  let operands: ContentValue[] = []
  let operandStart = -1
  const length = source.length

  const skipSpace = (): void => {
    while (position < length) {
      const code = source.charCodeAt(position)
      if (whitespace.has(code)) position++
      else if (code === 0x25) {
        // A comment runs to the end of the line.
        while (position < length && source[position] !== '\n' && source[position] !== '\r') position++
      } else break
    }
  }

  const readValue = (): ContentValue | {type: 'operator'; value: string} | {type: 'close'; value: string} => {
    const character = source[position]
    if (character === '/') {
      let end = position + 1
      while (end < length && isRegular(source.charCodeAt(end))) end++
      const raw = source.slice(position + 1, end)
      position = end
      return {type: 'name', value: raw.replace(/#([0-9a-fA-F]{2})/g, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))}
    }
    if (character === '(') return {type: 'string', bytes: readLiteralString()}
    if (character === '<' && source[position + 1] === '<') {
      position += 2
      const entries = new Map<string, ContentValue>()
      for (;;) {
        skipSpace()
        if (position >= length) break
        if (source[position] === '>' && source[position + 1] === '>') {
          position += 2
          break
        }
        const key = readValue()
        skipSpace()
        const value = readValue()
        if (key.type === 'name' && value.type !== 'operator' && value.type !== 'close') entries.set(key.value, value)
      }
      return {type: 'dict', entries}
    }
    if (character === '<') {
      const end = source.indexOf('>', position)
      const hex = source.slice(position + 1, end === -1 ? length : end).replace(/[^0-9a-fA-F]/g, '')
      position = end === -1 ? length : end + 1
      const padded = hex.length % 2 === 1 ? `${hex}0` : hex
      const bytes: number[] = []
      for (let index = 0; index < padded.length; index += 2) bytes.push(Number.parseInt(padded.slice(index, index + 2), 16))
      return {type: 'string', bytes}
    }
    if (character === '[') {
      position++
      const items: ContentValue[] = []
      for (;;) {
        skipSpace()
        if (position >= length) break
        if (source[position] === ']') {
          position++
          break
        }
        const item = readValue()
        if (item.type !== 'operator' && item.type !== 'close') items.push(item)
      }
      return {type: 'array', items}
    }
    if (character === ']' || character === '>' || character === ')' || character === '{' || character === '}') {
      position++
      return {type: 'close', value: character}
    }
    let end = position
    while (end < length && isRegular(source.charCodeAt(end))) end++
    if (end === position) end++
    const word = source.slice(position, end)
    position = end
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) return {type: 'number', value: Number(word)}
    if (word === 'true' || word === 'false' || word === 'null') return {type: 'keyword', value: word}
    return {type: 'operator', value: word}
  }

  const readLiteralString = (): number[] => {
    const bytes: number[] = []
    let depth = 1
    position++
    while (position < length && depth > 0) {
      const character = source[position] ?? ''
      if (character === '\\') {
        const next = source[position + 1] ?? ''
        position += 2
        const escapes: Record<string, number> = {n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92}
        if (next in escapes) bytes.push(escapes[next] ?? 0)
        else if (/[0-7]/.test(next)) {
          let octal = next
          while (octal.length < 3 && /[0-7]/.test(source[position] ?? '')) octal += source[position++]
          bytes.push(Number.parseInt(octal, 8) & 0xff)
        } else if (next === '\r') {
          if (source[position] === '\n') position++
        } else if (next !== '\n') bytes.push(next.charCodeAt(0))
        continue
      }
      if (character === '(') depth++
      if (character === ')') depth--
      if (depth > 0) bytes.push(character.charCodeAt(0))
      position++
    }
    return bytes
  }

  for (;;) {
    skipSpace()
    if (position >= length) break
    const start = position
    const value = readValue()
    if (value.type === 'close') continue
    if (value.type !== 'operator') {
      if (operandStart === -1) operandStart = start
      operands.push(value)
      continue
    }
    if (value.value === 'BI') {
      // Inline image: its data ends at an EI between whitespace.
      const match = /\sEI(?=[\s]|$)/g
      match.lastIndex = source.indexOf('ID', position) + 2
      const found = match.exec(source)
      position = found ? found.index + found[0].length : length
    }
    operations.push({operator: value.value, operands, start: operandStart === -1 ? start : operandStart, end: position})
    operands = []
    operandStart = -1
  }
  return operations
}

/** Replace operations by text (splices from the end, so offsets stay valid). */
export function spliceContent(source: string, replacements: Array<{operation: Operation; text: string}>): string {
  let result = source
  for (const {operation, text} of [...replacements].sort((a, b) => b.operation.start - a.operation.start)) {
    result = result.slice(0, operation.start) + text + result.slice(operation.end)
  }
  return result
}

/** Numbers of an operation's operands, or undefined if any is not a number. */
export function numbers(operation: Operation): number[] | undefined {
  const values: number[] = []
  for (const operand of operation.operands) {
    if (operand.type !== 'number') return undefined
    values.push(operand.value)
  }
  return values
}

/** A stream's decoded bytes as a Latin-1 string. */
export function decodeStream(stream: PDFStream): string {
  return latin1Text(streamBytes(stream))
}

/** A page's content streams, joined (a token never spans two of them, but an operation may). */
export function pageContent(page: PDFPage): string {
  return latin1Text(pageContentBytes(page))
}

/** Replace a page's content by one Flate stream. */
export function setPageContent(document: PDFDocument, page: PDFPage, content: string): void {
  const stream = document.context.flateStream(bytesOf(content))
  page.node.set(PDFName.of('Contents'), document.context.register(stream))
}


export function bytesOf(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length)
  for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index) & 0xff
  return bytes
}

/** A number as content streams write it: no exponent, at most 4 decimals. */
export function pdfNumber(value: number): string {
  const rounded = Math.round(value * 10_000) / 10_000
  return Object.is(rounded, -0) ? '0' : String(rounded)
}
