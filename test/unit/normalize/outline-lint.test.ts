import {describe, expect, it} from 'vitest'
import {normalizeText} from '../../../src/normalize/index.js'

const findings = (text: string, rule: string): string[] =>
  normalizeText(text, {frontMatter: {title: 'T'}}).messages
    .filter((message) => message.ruleId === rule)
    .map((message) => `${message.line}:${message.column} ${message.reason}`)

describe('numbering-order', () => {
  it('reports a level skipped, once per pair of numbering styles', () => {
    expect(findings('一、甲\n1.乙\n2.丙\n二、丁\n1.戊', 'numbering-order')).toEqual([
      '2:1 Unexpected `1.` right under `一、`, expected a level between them (GB/T 9704: 一、（一）1.（1）①)'
    ])
  })

  it('reports the order turned round', () => {
    expect(findings('（一）甲\n一、乙', 'numbering-order')).toEqual([
      '2:1 Unexpected `一、` under `（一）`, expected the GB/T 9704 order 一、（一）1.（1）①'
    ])
  })

  it('accepts 一、 right under a chapter, and the GB/T 9704 order', () => {
    expect(findings('第一章　总则\n一、甲\n（一）乙\n二、丙', 'numbering-order')).toEqual([])
    expect(findings('一、甲\n（一）乙\n1.丙\n（1）丁\n①戊', 'numbering-order')).toEqual([])
  })
})

describe('numbering-sequence', () => {
  it('reports a heading that does not count on from its sibling', () => {
    expect(findings('一、甲\n三、乙', 'numbering-sequence')).toEqual(['2:1 Unexpected `三、` after `一、`, expected number 2'])
  })

  it('reports a first heading not numbered 1, and restarts under each parent', () => {
    expect(findings('一、甲\n（二）乙\n二、丙\n（一）丁\n（二）戊', 'numbering-sequence')).toEqual([
      '2:1 Unexpected `（二）` as the first heading numbered this way here, expected number 1'
    ])
  })
})

describe('mixed-numbering', () => {
  it('reports one level numbered two ways', () => {
    expect(findings('一、甲\n1.乙\n2、丙\n3．丁', 'mixed-numbering')).toEqual([
      '3:1 Unexpected `2、` written unlike `1.` of the same level, expected one way of numbering',
      '4:1 Unexpected `3．` written unlike `1.` of the same level, expected one way of numbering'
    ])
    expect(findings('一、甲\n（一）乙\n㈡丙', 'mixed-numbering')).toEqual([
      '3:1 Unexpected `㈡` written unlike `（一）` of the same level, expected one way of numbering'
    ])
  })
})

describe('ambiguous-heading', () => {
  it('reports a short unnumbered line between paragraphs that reads like a heading', () => {
    expect(findings('正文一。\n总体要求\n正文二。', 'ambiguous-heading')).toEqual([
      '2:1 Unexpected short line `总体要求` without numbering or final punctuation, kept as a paragraph: if it is a heading, write it as `## 总体要求`'
    ])
  })

  it.each([
    ['a date line in brackets', '正文。\n（2026年4月20日）\n正文。'],
    ['a line ending in ：', '正文。\n同志们：\n正文。'],
    ['a sentence', '正文。\n这是一句话。\n正文。'],
    ['the last line', '正文。\n某某市机关事务管理局'],
    ['a signature over an incomplete date', '正文。\n某某市机关事务管理局\n2026年3月'],
    ['a letter’s closing', '正文。\n此致\n敬礼！']
  ])('does not report %s', (_name, text) => {
    expect(findings(text, 'ambiguous-heading')).toEqual([])
  })
})
