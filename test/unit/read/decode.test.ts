import iconv from 'iconv-lite'
import {describe, expect, it} from 'vitest'
import {PaibanError} from '../../../src/errors.js'
import {decodeText} from '../../../src/read/decode.js'

const text = '一、要聚焦“凝心铸魂”下功夫。\n二要坚定理想信念，补足精神之钙。\n'
const utf8 = (value: string): Uint8Array => new TextEncoder().encode(value)
const bytes = (...parts: Array<Uint8Array | number[]>): Uint8Array => Uint8Array.from(parts.flatMap((part) => [...part]))

function utf16(value: string, endian: 'le' | 'be'): Uint8Array {
  const buffer = Buffer.from(value, 'utf16le')
  if (endian === 'be') buffer.swap16()
  return buffer
}

function decodeError(input: Uint8Array, fileName = 'x.txt'): PaibanError {
  try {
    decodeText(input, fileName)
  } catch (error) {
    if (error instanceof PaibanError) return error
    throw error
  }
  throw new Error('expected decodeText to throw')
}

describe('decodeText', () => {
  it.each([
    ['UTF-8', utf8(text)],
    ['UTF-8 with BOM', bytes([0xef, 0xbb, 0xbf], utf8(text))],
    ['UTF-16 LE with BOM', bytes([0xff, 0xfe], utf16(text, 'le'))],
    ['UTF-16 BE with BOM', bytes([0xfe, 0xff], utf16(text, 'be'))],
    ['GB18030', iconv.encode(text, 'gb18030')],
    ['GBK', iconv.encode(text, 'gbk')]
  ])('detects %s from the bytes', (_name, input) => {
    expect(decodeText(input, 'x.md')).toBe(text)
  })

  it('decodes GB18030 four-byte sequences (characters outside GBK)', () => {
    const rare = '𠀀㐀€'
    expect(decodeText(iconv.encode(rare, 'gb18030'), 'x.txt')).toBe(rare)
  })

  it.each([
    ['CRLF', 'a\r\nb\r\n'],
    ['CR', 'a\rb\r'],
    ['mixed', 'a\r\nb\rc\n']
  ])('turns %s line endings into LF', (_name, input) => {
    expect(decodeText(utf8(input), 'x.txt')).toBe(input.replace(/\r\n?/g, '\n'))
  })

  it('turns CRLF into LF in GB18030 text', () => {
    expect(decodeText(iconv.encode('同志们：\r\n今天，\r\n', 'gb18030'), 'x.txt')).toBe('同志们：\n今天，\n')
  })

  it('decides by the bytes, not the file name', () => {
    expect(decodeText(iconv.encode(text, 'gb18030'), 'utf8-really.md')).toBe(text)
  })

  it('rejects a binary file with the offset of the first NUL byte', () => {
    const error = decodeError(bytes(utf8('PK'), [3, 4, 0, 0, 8]), 'report.docx')
    expect(error.code).toBe('E_INPUT')
    expect(error.message).toContain('report.docx')
    expect(error.message).toContain('byte offset 4')
    expect(error.hint).toBeTruthy()
  })

  it('rejects many control characters as binary', () => {
    const error = decodeError(bytes(utf8('ab'), [1, 2, 3, 4, 5, 6, 7, 8, 11, 14]))
    expect(error.message).toMatch(/binary file: 10 control characters, the first at byte offset 2/)
  })

  it('rejects a single control character with its byte offset', () => {
    const error = decodeError(bytes(utf8('学习'), [0x07], utf8('资料')))
    expect(error.message).toBe('Unexpected control character U+0007 in x.txt at byte offset 6')
  })

  it('counts the byte offset of a control character in GB18030 bytes', () => {
    const error = decodeError(bytes(iconv.encode('学习', 'gb18030'), [0x07], iconv.encode('资料', 'gb18030')))
    expect(error.message).toContain('at byte offset 4')
  })

  it('rejects bytes that neither UTF-8 nor GB18030 decode, at the first bad byte', () => {
    // Valid GB18030 up to offset 4, then 0xFF, which no encoding we read allows.
    const error = decodeError(bytes(iconv.encode('学习', 'gb18030'), [0xff, 0x41]))
    expect(error.code).toBe('E_INPUT')
    expect(error.message).toBe('Cannot decode x.txt: byte 0xFF at offset 4 is not valid GB18030 (the file is neither UTF-8 nor GB18030)')
  })

  it('reports the UTF-8 offset when UTF-8 got further', () => {
    // As GB18030, 中 (E4 B8 AD) leaves AD waiting for a trail byte and the space is none.
    const error = decodeError(bytes(utf8('中 '), [0xff]))
    expect(error.message).toContain('byte 0xFF at offset 4 is not valid UTF-8')
  })

  it('reports a sequence cut off at the end of the file', () => {
    const error = decodeError(bytes([0xef, 0xbb, 0xbf], utf8('学'), [0xe4, 0xb9]))
    expect(error.message).toContain('offset 6')
  })

  it('rejects a bad sequence after a UTF-8 BOM', () => {
    const error = decodeError(bytes([0xef, 0xbb, 0xbf], utf8('ab'), [0xc0, 0x80]))
    expect(error.message).toContain('byte 0xC0 at offset 5 is not valid UTF-8')
  })

  it.each([
    ['empty', new Uint8Array()],
    ['spaces and line breaks', utf8(' \r\n\t\n')],
    ['no-break and ideographic spaces', utf8('\u00a0\u3000\n')],
    ['a BOM only', bytes([0xef, 0xbb, 0xbf])]
  ])('rejects a file that is %s', (_name, input) => {
    const error = decodeError(input, 'empty.txt')
    expect(error.code).toBe('E_INPUT')
    expect(error.message).toBe('empty.txt is empty')
  })
})
