import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {decodeText} from '../../../src/read/decode.js'
import {isFixable, normalizeText, type NormalizeOptions, type VFileMessage} from '../../../src/normalize/index.js'

/**
 * Fixture folders are the specification of normalize (code.md §5):
 * test/fixtures/normalize/<case>/{input.txt|input.md, options.json?, output.md, messages.txt}.
 * Missing golden files are written on the first run; `UPDATE=1` rewrites them.
 */
const root = path.resolve(import.meta.dirname, '../../fixtures/normalize')
const update = process.env.UPDATE === '1'
const cases = readdirSync(root, {withFileTypes: true}).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()

function run(name: string): {markdown: string; messages: string} {
  const folder = path.join(root, name)
  const inputName = existsSync(path.join(folder, 'input.md')) ? 'input.md' : 'input.txt'
  const optionsFile = path.join(folder, 'options.json')
  const options = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) as NormalizeOptions : {}
  const text = decodeText(readFileSync(path.join(folder, inputName)), inputName)
  const result = normalizeText(text, {...options, fileName: inputName})
  return {markdown: result.markdown, messages: result.messages.map(formatMessage).join('\n') + '\n'}
}

function formatMessage(message: VFileMessage): string {
  const place = message.place && 'start' in message.place
    ? `${message.place.start.line}:${message.place.start.column}-${message.place.end.line}:${message.place.end.column}`
    : `${message.line ?? 1}:${message.column ?? 1}`
  const severity = message.fatal === undefined ? 'info' : 'warning'
  const fix = message.expected === undefined ? '' : `  ${JSON.stringify(message.actual ?? '')} → ${JSON.stringify(message.expected.join(''))}`
  return `${place}  ${severity}  ${message.ruleId ?? ''}  ${message.reason}${fix}`
}

function golden(name: string, file: string, actual: string): void {
  const target = path.join(root, name, file)
  if (update || !existsSync(target)) writeFileSync(target, actual)
  expect(actual).toBe(readFileSync(target, 'utf8'))
}

describe('normalize fixtures', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(0)
  })

  for (const name of cases) {
    describe(name, () => {
      const result = run(name)

      it('writes output.md', () => {
        golden(name, 'output.md', result.markdown)
      })

      it('reports messages.txt', () => {
        golden(name, 'messages.txt', result.messages)
      })

      it('is a fixed point: normalizing output.md changes nothing and finds nothing to fix', () => {
        const again = normalizeText(result.markdown, {fileName: 'output.md'})
        expect(again.markdown).toBe(result.markdown)
        expect(again.messages.filter(isFixable).map(formatMessage)).toEqual([])
      })
    })
  }

  it.each([
    ['the speech', 'jianghua-gb18030-crlf', 'jianghua-utf8'],
    ['the 公文 notice', 'gongwen-tongzhi-gb18030', 'gongwen-tongzhi']
  ])('normalizes %s in GB18030 with CRLF to the same bytes as in UTF-8 with LF', (_name, gb18030, utf8) => {
    const gb = run(gb18030)
    const unicode = run(utf8)
    expect(gb.markdown).toBe(unicode.markdown)
    expect(gb.messages).toBe(unicode.messages)
  })
})
