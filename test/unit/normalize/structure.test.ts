import {describe, expect, it} from 'vitest'
import {normalizeText} from '../../../src/normalize/index.js'
import {headingExtent, outlineNumbering} from '../../../src/normalize/structure.js'
import {body, ruleIds} from './normalize-helpers.js'

describe('outline numbering', () => {
  it.each([
    ['一、充分认识', 'han', 2],
    ['十二、结语', 'han', 3],
    ['（一）总体框架', 'paren-han', 3],
    ['1.第一编', 'arabic', 2],
    ['1．第一编', 'arabic', 2],
    ['12、附则', 'arabic', 3],
    ['（1）完善了', 'paren-arabic', 3],
    ['第一章　总则', 'chapter', 3],
    ['第十二节　附则', 'section', 4]
  ])('reads %s as %s', (text, style, length) => {
    expect(outlineNumbering(text)).toEqual({style, length})
  })

  it.each([
    ['第一条　为规范'],
    ['2026年1月1日'],
    ['3.5亿元'],
    ['（2026年4月20日）'],
    ['一要强化理论学习'],
    ['第一，要把']
  ])('does not read %s as outline numbering', (text) => {
    expect(outlineNumbering(text)).toBeUndefined()
  })
})

describe('headingExtent', () => {
  it.each([
    ['一、充分认识修订《条例》的重大意义', {kind: 'whole'}],
    ['三、坚持问题导向，推动工作落实', {kind: 'whole'}],
    ['（二）重点修订内容。', {kind: 'whole'}],
    ['一、要聚焦“凝心铸魂筑牢根本”下功夫、抓实效。一要强化理论学习。', {kind: 'run-in', end: 23}],
    ['（一）总体框架。修订后的《条例》共3编。', {kind: 'run-in', end: 8}]
  ])('makes a heading of %s', (text, extent) => {
    expect(headingExtent(text, outlineNumbering(text)?.length ?? 0)).toEqual(extent)
  })

  it.each([
    ['1.第一编“总则”，主要规定指导思想、原则和适用范围等内容。'],
    ['（1）完善了从轻、减轻处分的情形；'],
    ['1.完善了从轻处分；充实了规定。后文。'],
    ['一、']
  ])('keeps %s a paragraph', (text) => {
    expect(headingExtent(text, outlineNumbering(text)?.length ?? 0)).toBeUndefined()
  })
})

describe('applyOutline', () => {
  it('gives each numbering style the next level, in the order first seen', () => {
    expect(body('一、甲\n（一）乙\n1.丙\n（1）丁\n二、戊\n（一）己')).toBe(
      '## 一、甲\n\n### （一）乙\n\n#### 1.丙\n\n##### （1）丁\n\n## 二、戊\n\n### （一）己'
    )
  })

  it('takes levels from the document, not from GB/T 9704 order', () => {
    expect(body('（一）甲\n一、乙')).toBe('## （一）甲\n\n### 一、乙')
  })

  it('splits a run-in heading from its paragraph and keeps its 。', () => {
    expect(body('（一）总体框架。修订后的《条例》共3编、11章、158条。')).toBe(
      '## （一）总体框架。\n\n修订后的《条例》共3编、11章、158条。'
    )
    expect(ruleIds('（一）总体框架。修订后的《条例》共3编。')).toEqual(['run-in-heading'])
  })

  it('keeps a list a list when one item cannot be a heading', () => {
    expect(body('（1）完善了从轻、减轻处分的情形；\n（2）充实了违反政治纪律的行为规定；\n（3）细化了形式主义、官僚主义的具体表现。')).toBe(
      '（1）完善了从轻、减轻处分的情形；\n\n（2）充实了违反政治纪律的行为规定；\n\n（3）细化了形式主义、官僚主义的具体表现。'
    )
  })

  it('keeps the attachment list as written', () => {
    expect(body('正文。\n附件：1.《条例》修订前后条文对照表\n2.典型案例汇编')).toBe(
      '正文。\n\n附件：1.《条例》修订前后条文对照表\n\n2.典型案例汇编'
    )
  })

  it('makes chapters headings and keeps articles paragraphs', () => {
    expect(body('第一章　总　则\n第一条　为规范工作，制定本办法。\n第二节　范围')).toBe(
      '## 第一章　总则\n\n第一条　为规范工作，制定本办法。\n\n### 第二节　范围'
    )
  })

  it('splits a heading whose paragraph starts with the next numbering', () => {
    expect(body('一、总体要求。（一）指导思想。坚持好。')).toBe('## 一、总体要求。\n\n### （一）指导思想。\n\n坚持好。')
  })

  it('moves Markdown headings to the level of their numbering', () => {
    const {markdown, messages} = normalizeMarkdown('---\ntitle: T\n---\n\n## 一、甲\n\n#### 二、乙\n')
    expect(markdown).toBe('---\ntitle: T\n---\n\n## 一、甲\n\n## 二、乙\n')
    expect(messages).toEqual(['7:1 heading-depth'])
  })
})

function normalizeMarkdown(markdown: string): {markdown: string; messages: string[]} {
  const result = normalizeText(markdown, {fileName: 'x.md'})
  return {markdown: result.markdown, messages: result.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)}
}
