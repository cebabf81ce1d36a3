import {describe, expect, it} from 'vitest'
import {parseDocument} from '../../../src/model/parse.js'
import {PaibanError} from '../../../src/errors.js'
import {paibanErrorOf} from '../../helpers/errors.js'

const frontMatter = '---\ntitle: 标题\n---\n\n'

describe('parseDocument', () => {
  it('reads front matter into metadata with zh-CN as the default language', () => {
    const {meta} = parseDocument(`---\ntitle: 学习读本\nissuer: 编印组\ndate: 2023-06\nkeywords: [甲, 乙]\n---\n\n正文。\n`, 'a.md')
    expect(meta).toMatchObject({title: '学习读本', issuer: '编印组', date: '2023-06', keywords: ['甲', '乙'], lang: 'zh-CN'})
  })

  it('turns a run-in point’s opening bold into a lead sentence', () => {
    const {tree} = parseDocument(`${frontMatter}**一要强化理论学习，筑牢信仰之基**。要坚持读原著。\n`, 'a.md')
    const paragraph = tree.children[0]
    expect(paragraph?.type).toBe('paragraph')
    if (paragraph?.type !== 'paragraph') return
    expect(paragraph.children[0]?.type).toBe('leadSentence')
  })

  it('keeps other bold text as strong', () => {
    const {tree} = parseDocument(`${frontMatter}**重要**的是落实。\n`, 'a.md')
    const paragraph = tree.children[0]
    if (paragraph?.type !== 'paragraph') throw new Error('expected a paragraph')
    expect(paragraph.children[0]?.type).toBe('strong')
  })

  it('keeps escaped ** redaction marks as text', () => {
    const {tree} = parseDocument(`${frontMatter}用好“\\*\\*党建在线”平台。\n`, 'a.md')
    const paragraph = tree.children[0]
    if (paragraph?.type !== 'paragraph') throw new Error('expected a paragraph')
    expect(paragraph.children).toEqual([expect.objectContaining({type: 'text', value: '用好“**党建在线”平台。'})])
  })

  it('fails on front matter that does not parse, pointing at the line', () => {
    expect(() => parseDocument('---\ntitle: [unclosed\n---\n\n正文\n', 'bad.md')).toThrowError(PaibanError)
    try {
      parseDocument('---\ntitle: 好\nsubtitle: : :\n  bad: indent\n---\n\n正文\n', 'bad.md')
    } catch (error) {
      expect((error as PaibanError).place).toMatch(/^bad\.md:\d+:\d+$/)
      expect((error as PaibanError).code).toBe('E_FRONT_MATTER')
    }
  })

  it('requires a title, naming the field', () => {
    expect(() => parseDocument('---\nsubtitle: 无题\n---\n\n正文\n', 'x.md')).toThrowError(/`title`/)
  })

  it('rejects an unknown front matter field, naming it, pointing at its line and offering the field it misspells', () => {
    const error = paibanErrorOf(() => parseDocument('---\ntitle: 好\nsubtitel: 副题\n---\n\n正文\n', 'x.md'))
    expect(error.message).toBe('Unknown front matter field `subtitel`')
    expect(error.place).toBe('x.md:3:1')
    expect(error.hint).toMatch(/^Did you mean `subtitle`\? Front matter fields: title, subtitle/)
    // Nothing near: no guess.
    expect(paibanErrorOf(() => parseDocument('---\ntitle: 好\ncolour: red\n---\n\n正文\n', 'x.md')).hint).toMatch(/^Front matter fields:/)
  })

  it('requires front matter', () => {
    expect(() => parseDocument('正文。\n', 'x.md')).toThrowError(/front matter/)
  })
})
