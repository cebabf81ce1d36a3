import {describe, expect, it} from 'vitest'
import {isFixable, lintText, normalizeText} from '../../../src/normalize/index.js'

const findings = (text: string, fileName = 'x.txt'): string[] =>
  lintText(text, fileName).map((message) => `${message.line}:${message.column} ${message.ruleId}`)

describe('lintText', () => {
  it('reports findings at their place in the input, with source and fix', () => {
    const [message] = lintText('标题\n坚定理想信念,补足精神之钙。', 'x.txt').filter((item) => item.ruleId === 'halfwidth-punctuation')
    expect(message?.line).toBe(2)
    expect(message?.column).toBe(7)
    expect(message?.source).toBe('paiban-normalize')
    expect(message?.reason).toBe('Unexpected half-width `,` in Chinese text, expected `，`')
    expect(message?.actual).toBe(',')
    expect(message?.expected).toEqual(['，'])
  })

  it('keeps input positions through indentation and earlier fixes', () => {
    expect(findings('标题\n\u3000\u3000学 习,资料')).toEqual(['1:1 title-line', '2:1 stray-space', '2:4 stray-space', '2:6 halfwidth-punctuation'])
  })

  it.each([
    ['an unclosed “', '他说“好。', '1:3 unbalanced-quote'],
    ['a ” without “', '他说好”。', '1:4 unbalanced-quote'],
    ['an unclosed 《', '学习《条例。', '1:3 unbalanced-bracket'],
    ['an odd straight quote', '一个"未闭合', '1:3 unbalanced-quote']
  ])('reports %s without fixing it', (_name, text, finding) => {
    expect(findings(`标题\n${text}`).filter((item) => item.includes('unbalanced'))).toEqual([finding.replace(/^1:/u, '2:')])
    expect(lintText(`标题\n${text}`, 'x.txt').filter((item) => item.ruleId?.startsWith('unbalanced')).every((item) => !isFixable(item))).toBe(true)
  })

  it('reports the sibling heading punctuated unlike the others', () => {
    const text = ['一、要聚焦“甲”下功夫、抓实效。正文。', '二、要聚焦“乙”，下功夫、抓实效。正文。', '三、要聚焦“丙”下功夫、抓实效。正文。'].join('\n')
    const [message] = lintText(text, 'x.txt').filter((item) => item.ruleId === 'heading-punctuation-mismatch')
    expect(message?.reason).toBe('Unexpected `，` in heading punctuation `“”，、。`, expected `“”、。` as in 2 sibling headings')
    expect(`${message?.line}:${message?.column}`).toBe('2:9')
  })

  it('compares two sibling headings only on how they end', () => {
    expect(findings('一、甲，乙\n二、丙').filter((item) => item.includes('mismatch'))).toEqual([])
    expect(findings('一、甲。\n二、丙').filter((item) => item.includes('mismatch'))).toEqual(['2:1 heading-punctuation-mismatch'])
  })

  it('ignores punctuation inside quotes and book titles', () => {
    expect(findings('一、学习《论“实”，“干”》\n二、学习《条例》\n三、学习《决定》').filter((item) => item.includes('mismatch'))).toEqual([])
  })

  it('reports skipped heading levels in Markdown', () => {
    expect(findings('---\ntitle: T\n---\n\n## 甲\n\n#### 乙\n', 'x.md')).toEqual(['7:1 heading-level-skipped'])
    expect(findings('---\ntitle: T\n---\n\n### 甲\n', 'x.md')).toEqual(['5:1 heading-level-skipped'])
  })

  it('finds nothing to fix in normalized Markdown', () => {
    const {markdown} = normalizeText('一、甲。一要学,习。二要做**事。\n二、乙', {frontMatter: {title: 'T'}})
    expect(lintText(markdown, 'x.md').filter(isFixable)).toEqual([])
  })

  it('reports a missing title', () => {
    expect(findings('只有一段正文。')).toEqual(['1:1 missing-title'])
  })
})
