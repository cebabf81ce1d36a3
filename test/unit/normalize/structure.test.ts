import {describe, expect, it} from 'vitest'
import {normalizeText} from '../../../src/normalize/index.js'
import {headingExtent, numberingValue, outlineNumbering} from '../../../src/normalize/structure.js'
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
    ['第一章总则', 'chapter', 3],
    ['第十二节　附则', 'section', 4],
    ['第一部分　总体要求', 'part', 4],
    ['①规范编排', 'circled', 1],
    ['㈠总体框架', 'paren-han', 1],
    ['⑴完善了', 'paren-arabic', 1],
    ['⒈第一编', 'arabic', 1]
  ])('reads %s as %s', (text, style, length) => {
    expect(outlineNumbering(text)).toEqual({style, length})
  })

  it.each([
    ['第一条　为规范'],
    ['2026年1月1日'],
    ['3.5亿元'],
    ['（2026年4月20日）'],
    ['一要强化理论学习'],
    ['第一，要把'],
    ['第一章讲的是总则，内容很多。'],
    ['第一部分内容较多，分三节讲述。']
  ])('does not read %s as outline numbering', (text) => {
    expect(outlineNumbering(text)).toBeUndefined()
  })
})

describe('numberingValue', () => {
  it.each([
    ['一、', 1], ['十二、', 12], ['（三）', 3], ['12.', 12], ['（7）', 7], ['③', 3], ['㈣', 4], ['⑸', 5], ['⒍', 6], ['第二十章', 20]
  ])('reads %s as %i', (numbering, value) => {
    expect(numberingValue(numbering)).toBe(value)
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

  it('keeps the attachment list as written, without headings', () => {
    expect(body('正文。\n附件：1.《条例》修订前后条文对照表\n2.典型案例汇编')).toBe(
      '正文。\n\n:::attachments\n附件：1.《条例》修订前后条文对照表\n\n2.典型案例汇编\n:::'
    )
    expect(body('正文。\n附件：1.《条例》修订前后条文对照表\n2.典型案例汇编', {rules: {off: ['official-element']}})).toBe(
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

  it('maps ① and 第一节 levels in the order first seen', () => {
    expect(body('第一节　总则\n一、范围\n①学习读本\n②学习提纲\n二、要求')).toBe(
      '## 第一节　总则\n\n### 一、范围\n\n#### ①学习读本\n\n#### ②学习提纲\n\n### 二、要求'
    )
  })

  it('makes a lone numbered line with a ， a heading when the lines numbered alike are headings', () => {
    const text = ['一、要聚焦“甲”下功夫、抓实效。', '正文。', '二、要聚焦“乙”，下功夫、抓实效。', '正文。', '三、要聚焦“丙”下功夫、抓实效。', '正文。'].join('\n')
    expect(body(text)).toBe('## 一、要聚焦“甲”下功夫、抓实效。\n\n正文。\n\n## 二、要聚焦“乙”，下功夫、抓实效。\n\n正文。\n\n## 三、要聚焦“丙”下功夫、抓实效。\n\n正文。')
    expect(ruleIds(text)).toEqual(['outline-heading', 'outline-heading', 'heading-punctuation-mismatch', 'outline-heading'])
  })

  it('makes it a heading among adjacent headings too, when it is one of a few', () => {
    expect(body('（一）编排规范。正文。\n（二）印制质量。正文。\n（三）节约要求，是否超标准印制。')).toBe(
      '## （一）编排规范。\n\n正文。\n\n## （二）印制质量。\n\n正文。\n\n## （三）节约要求，是否超标准印制。'
    )
  })

  it('keeps a lone numbered line with a ， a paragraph when nothing says it is a heading, and reports it', () => {
    expect(body('正文。\n一、要聚焦“乙”，下功夫、抓实效。\n正文。')).toBe('正文。\n\n一、要聚焦“乙”，下功夫、抓实效。\n\n正文。')
    expect(ruleIds('正文。\n一、要聚焦“乙”，下功夫、抓实效。\n正文。')).toEqual(['ambiguous-heading'])
  })

  it('keeps numbered lines that are all sentences a list, and says nothing', () => {
    const list = '1.第一编“总则”，主要规定指导思想。\n2.第二编“分则”，主要规定处分。\n3.第三编“附则”，主要规定施行时间。'
    expect(body(list)).toBe(list.replace(/\n/gu, '\n\n'))
    expect(ruleIds(list)).toEqual([])
  })

  it('makes no headings with outline-heading and run-in-heading off', () => {
    expect(body('一、甲\n（一）乙。正文。', {rules: {off: ['outline-heading', 'run-in-heading']}})).toBe('一、甲\n\n（一）乙。正文。')
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
