import {describe, expect, it} from 'vitest'
import {normalizeText} from '../../../src/normalize/index.js'
import {parseMarkdown} from '../../../src/normalize/markdown.js'
import {plainText} from '../../../src/normalize/phrasing.js'
import {body} from './normalize-helpers.js'

describe('Markdown escaping', () => {
  it.each([
    ['redaction marks', '用好“**党建在线”平台。', '用好“\\*\\*党建在线”平台。'],
    ['a # at the line start', '#话题', '\\#话题'],
    ['a list marker', '- 项目', '\\- 项目'],
    ['an ordered list marker', '1) 项目', '1\\) 项目'],
    ['a thematic break', '***', '\\*\\*\\*'],
    ['a block quote', '> 引文', '\\> 引文'],
    ['HTML', '<b>粗</b>', '\\<b>粗\\</b>'],
    ['link syntax', '[注](x)', '\\[注]\\(x)'],
    ['underscores', '_强调_', '\\_强调\\_'],
    ['a backslash', 'C:\\路径', 'C:\\路径'],
    ['a character reference', '&amp;', '\\&amp;']
  ])('escapes %s', (_name, input, expected) => {
    expect(body(input)).toBe(expected)
    const tree = parseMarkdown(`${body(input)}\n`)
    expect(plainText(tree)).toBe(input.trim())
  })

  it('reports each escape once at its place in the input', () => {
    const messages = normalizeText('标题\n用好“**党建在线”平台。', {fileName: 'x.txt'}).messages.filter((message) => message.ruleId === 'markdown-escape')
    expect(messages.map((message) => `${message.line}:${message.column} ${message.actual ?? ''} → ${message.expected?.join('') ?? ''}`)).toEqual(['2:4 ** → \\*\\*'])
  })

  it('keeps Markdown sources as Markdown', () => {
    const source = '---\ntitle: T\n---\n\n## 一、甲\n\n**一要学**。正文 `code` 与[链接](https://example.com)。\n'
    expect(normalizeText(source, {fileName: 'x.md'}).markdown).toBe(source)
  })

  it('fixes punctuation in Markdown text but not in code or link targets', () => {
    const source = '---\ntitle: T\n---\n\n学习,资料 `a,b` [见(注)](https://example.com/a,b)\n'
    expect(normalizeText(source, {fileName: 'x.md'}).markdown).toBe('---\ntitle: T\n---\n\n学习，资料 `a,b` [见（注）](https://example.com/a,b)\n')
  })

  it('joins a Chinese paragraph broken over lines in Markdown', () => {
    const {markdown, messages} = normalizeText('---\ntitle: T\n---\n\n学习\n资料\n', {fileName: 'x.md'})
    expect(markdown).toBe('---\ntitle: T\n---\n\n学习资料\n')
    expect(messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual(['5:3 stray-space'])
  })

  it('points at Markdown source positions past escapes', () => {
    const {messages} = normalizeText('---\ntitle: T\n---\n\n\\*\\*学习,资料\n', {fileName: 'x.md'})
    expect(messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual(['5:7 halfwidth-punctuation'])
  })
})
