import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {isFixable, normalizeText} from '../../../src/normalize/index.js'
import {parseMarkdown} from '../../../src/normalize/markdown.js'
import {plainText} from '../../../src/normalize/phrasing.js'

/**
 * Properties over generated texts that mix Han, Latin, digits, half- and
 * full-width punctuation, spaces of every kind, `*` and line breaks.
 */
const pieces = [
  '一', '二', '三', '要', '是', '第', '学', '习', '中', '文', '、', '。', '，', '；', '：', '“', '”', '《', '》', '（', '）', '……',
  'a', 'Z', 'x', '0', '1', '9', ',', '.', ';', ':', '?', '!', '(', ')', '"', "'", '...', '-', '%', '#', '_', '<', '[', ']', '|', '&', '`', '\\',
  ' ', '  ', '\u3000', '\u00a0', '\u200b', '\t', '*', '**', '\n', '\n\n', '一、', '二、', '（一）', '（二）', '1.', '2.', '（1）',
  '第一章', '第一条　', '一要', '二要', '三要', '。一是', '。二是', '第一，', '第二，', '附件：1.', 'http://a.b/c', 'www.a.cn', 'a@b.cn',
  // Character forms, more numbering styles, 公文 elements, containers.
  'Ａ', '１', '．', '％', '--', '——', '―', '－', '・', '·', '○', '年', '①', '㈠', '⑴', '第一部分', '第一节',
  '附件：', '各处室、直属单位：', '某某市机关事务管理局', '2026年3月25日', ':::', ':::date', '"To be, or"', '/etc/a/b', 'C:\\文档'
]
const text = fc.array(fc.constantFrom(...pieces), {maxLength: 60}).map((parts) => parts.join(''))

const han = (value: string): string => [...value].filter((character) => /\p{Script=Han}/u.test(character)).join('')
/** The text a reader sees: the Markdown body parsed, link targets and markup left out. */
const body = (markdown: string): string => plainText(parseMarkdown(markdown.replace(/^---\n[\s\S]*?\n---\n/u, '')))

describe('normalize properties', () => {
  it('neither loses, adds nor reorders a Han character', () => {
    fc.assert(fc.property(text, (input) => {
      const {markdown, title} = normalizeText(input, {frontMatter: {title: 'T'}})
      expect(title).toBeUndefined()
      expect(han(body(markdown))).toBe(han(input))
    }), {numRuns: Number(process.env.PROPERTY_RUNS ?? 400)})
  })

  it('is idempotent and leaves nothing to fix', () => {
    fc.assert(fc.property(text, (input) => {
      const once = normalizeText(input, {frontMatter: {title: 'T'}}).markdown
      const twice = normalizeText(once, {fileName: 'x.md'})
      expect(twice.markdown).toBe(once)
      expect(twice.messages.filter(isFixable).map((message) => `${message.ruleId}: ${message.reason}`)).toEqual([])
    }), {numRuns: Number(process.env.PROPERTY_RUNS ?? 400)})
  })

  it('keeps a title line in the front matter without losing its Han characters', () => {
    fc.assert(fc.property(text, (input) => {
      const {markdown, title} = normalizeText(`学习提纲\n${input}`)
      expect(han(`${title ?? ''}${body(markdown)}`)).toBe(han(`学习提纲\n${input}`))
    }), {numRuns: 100})
  })
})
