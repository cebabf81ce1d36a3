import {mkdir, mkdtemp, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {PaibanError} from '../../../src/errors.js'
import {parseDocument} from '../../../src/model/parse.js'
import {loadLintSettings, normalizeText, switchableRules} from '../../../src/normalize/index.js'

const seedHeadings = '## 一、要聚焦“甲”下功夫。\n\n正文。\n\n## 二、要聚焦“乙”，下功夫。\n\n正文。\n\n## 三、要聚焦“丙”下功夫。\n\n正文。\n'
const rulesOf = (markdown: string): string[] => normalizeText(markdown, {fileName: 'x.md'}).messages.map((message) => message.ruleId ?? '')

describe('switching rules off in the front matter', () => {
  it('silences a lint-only rule for this text', () => {
    expect(rulesOf(`---\ntitle: T\n---\n\n${seedHeadings}`)).toEqual(['heading-punctuation-mismatch'])
    expect(rulesOf(`---\ntitle: T\nlint:\n  off: [heading-punctuation-mismatch]\n---\n\n${seedHeadings}`)).toEqual([])
  })

  it('stops a fix: the text stays as written and nothing is reported', () => {
    const source = '---\ntitle: T\nlint: {off: [han-latin-space, halfwidth-punctuation]}\n---\n\n采用 A5 幅面,骑马钉装订。\n'
    const result = normalizeText(source, {fileName: 'x.md'})
    expect(result.markdown).toBe(source)
    expect(result.messages).toEqual([])
  })

  it('adds to the rules the project switched off', () => {
    const source = `---\ntitle: T\nlint: {off: [heading-punctuation-mismatch]}\n---\n\n采用 A5 幅面。\n\n${seedHeadings}`
    expect(normalizeText(source, {fileName: 'x.md', rules: {off: ['han-latin-space']}}).messages).toEqual([])
  })

  it('reports an unknown rule as an error at its place in the front matter', () => {
    const [message] = normalizeText('---\ntitle: T\nlint:\n  off: [heading-punctuation, markdown-escape]\n---\n\n正文。\n', {fileName: 'x.md'}).messages
    expect(message?.ruleId).toBe('lint-config')
    expect(message?.fatal).toBe(true)
    expect(`${message?.line}:${message?.column}`).toBe('4:9')
    expect(message?.reason).toMatch(/^Unexpected rule `heading-punctuation` in `lint.off`, expected one of zero-width-character, /u)
  })

  it('refuses to switch off escaping', () => {
    const messages = normalizeText('---\ntitle: T\nlint: {off: [markdown-escape]}\n---\n\n正文。\n', {fileName: 'x.md'}).messages
    expect(messages.map((message) => message.reason)).toEqual(['Unexpected rule `markdown-escape` in `lint.off`: it keeps the printed text right and cannot be switched off'])
  })

  it('reports a lint block of the wrong shape', () => {
    const reasons = (yaml: string): string[] => normalizeText(`---\ntitle: T\n${yaml}\n---\n\n正文。\n`, {fileName: 'x.md'}).messages.map((message) => message.reason)
    expect(reasons('lint: heading-punctuation-mismatch')).toEqual(['Unexpected `lint` value, expected a mapping such as `lint: {off: [rule-id]}`'])
    expect(reasons('lint: {on: [dash]}')).toEqual(['Unexpected key `lint.on`, expected `lint.off`'])
    expect(reasons('lint: {off: dash}')).toEqual(['Unexpected `lint.off` value, expected a list of rule ids such as `[heading-punctuation-mismatch]`'])
  })

  it('is front matter the model accepts', () => {
    expect(parseDocument('---\ntitle: T\nlint: {off: [dash]}\n---\n\n正文。\n', 'x.md').meta.title).toBe('T')
  })

  it('lists every rule normalize reports that may be switched off', () => {
    expect(switchableRules).toContain('heading-punctuation-mismatch')
    expect(switchableRules).not.toContain('markdown-escape')
  })
})

describe('paiban.config.yaml', () => {
  async function project(config: string | undefined): Promise<string> {
    const root = await mkdtemp(path.join(os.tmpdir(), 'paiban-config-'))
    await writeFile(path.join(root, 'package.json'), '{}\n')
    await mkdir(path.join(root, 'source'))
    if (config !== undefined) await writeFile(path.join(root, 'paiban.config.yaml'), config)
    return path.join(root, 'source', 'x.md')
  }

  it('gives the rules switched off for every text in the project', async () => {
    expect(await loadLintSettings(await project('lint:\n  off: [han-latin-space, unbalanced-quote]\n'))).toEqual({off: ['han-latin-space', 'unbalanced-quote']})
  })

  it('switches nothing off without one, and looks no higher than the project root', async () => {
    expect(await loadLintSettings(await project(undefined))).toEqual({off: []})
  })

  it('fails with the place of a mistake', async () => {
    const file = await project('lint:\n  off: [han-latin-space, no-such-rule]\n')
    const error = await loadLintSettings(file).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(PaibanError)
    expect((error as PaibanError).code).toBe('E_USAGE')
    expect((error as PaibanError).place).toBe(`${path.join(path.dirname(path.dirname(file)), 'paiban.config.yaml')}:2:26`)
    expect((error as PaibanError).message).toMatch(/^Unexpected rule `no-such-rule` in `lint.off`/u)
  })

  it('refuses other keys', async () => {
    await expect(loadLintSettings(await project('lnit: {off: [dash]}\n'))).rejects.toThrow('Unexpected key `lnit`, expected `lint`')
  })
})
