import {describe, expect, it} from 'vitest'
import {parseDocument} from '../../../src/model/parse.js'
import {frontMatterYaml} from '../../../src/normalize/front-matter-block.js'
import {normalizeText} from '../../../src/normalize/index.js'

describe('front matter', () => {
  it('writes the fields in schema order, keywords as a flow sequence', () => {
    expect(frontMatterYaml({keywords: ['主题教育', '学习读本'], date: '2023-06', title: '主题教育的五个具体目标', subtitle: '学习读本'})).toBe(
      'title: 主题教育的五个具体目标\nsubtitle: 学习读本\ndate: 2023-06\nkeywords: [主题教育, 学习读本]'
    )
  })

  it('writes nothing without fields', () => {
    expect(frontMatterYaml({})).toBeUndefined()
  })

  it('keeps an existing front matter, comments included, and sets given fields', () => {
    expect(frontMatterYaml({}, '# 注释\ntitle: 甲')).toBe('# 注释\ntitle: 甲')
    expect(frontMatterYaml({subtitle: '乙'}, '# 注释\ntitle: 甲')).toBe('# 注释\ntitle: 甲\nsubtitle: 乙')
  })

  it('writes front matter that read/front-matter.ts accepts', () => {
    const {markdown} = normalizeText('正文。', {frontMatter: {title: '标题: 副', issuer: '编印组', date: '2023-06', keywords: ['甲']}})
    expect(parseDocument(markdown, 'x.md').meta).toMatchObject({title: '标题: 副', issuer: '编印组', date: '2023-06', keywords: ['甲']})
  })

  it('takes the title from a title line of a plain text', () => {
    const {markdown, title} = normalizeText('某某市机关学习资料印制管理办法\n\n第一条　为规范工作。')
    expect(title).toBe('某某市机关学习资料印制管理办法')
    expect(markdown).toBe('---\ntitle: 某某市机关学习资料印制管理办法\n---\n\n第一条　为规范工作。\n')
  })

  it('keeps a first line that differs from the given title', () => {
    expect(normalizeText('会议讲话\n正文。', {frontMatter: {title: '另一个'}}).markdown).toBe('---\ntitle: 另一个\n---\n\n会议讲话\n\n正文。\n')
    expect(normalizeText('会议讲话\n正文。', {frontMatter: {title: '会议讲话'}}).markdown).toBe('---\ntitle: 会议讲话\n---\n\n正文。\n')
  })

  it.each([
    ['a sentence', '今天，我们召开会议。\n正文。'],
    ['a date line', '（2026年4月20日）\n正文。'],
    ['a numbered line', '一、总则\n正文。'],
    ['the only line', '会议讲话']
  ])('does not take %s as the title', (_name, text) => {
    expect(normalizeText(text).title).toBeUndefined()
  })
})
