import {describe, expect, it} from 'vitest'
import {findLostText} from '../../../../src/check/rules/lost-text.js'
import type {SourceBlock} from '../../../../src/check/source-text.js'

function blocks(...texts: string[]): SourceBlock[] {
  return texts.map((text, index) => ({text, line: index + 1, column: 1, footnote: false}))
}

describe('findLostText', () => {
  it('passes when every block is there, in order, with running heads between', () => {
    expect(findLostText(blocks('第一段正文。', '第二段正文。'), '书名第一段正文。—1—第二段正文。')).toBeUndefined()
  })

  it('allows list numbers and footnote marks inside a block', () => {
    expect(findLostText(blocks('要坚持读原著。学原文'), '1.要坚持读原著。2学原文')).toBeUndefined()
  })

  it('finds a paragraph cut out, and names its line', () => {
    const lost = findLostText(blocks('第一段。', '第二段被删掉了。', '第三段。'), '第一段。第三段。')
    expect(lost?.block.line).toBe(2)
  })

  it('finds a character dropped inside a paragraph', () => {
    const lost = findLostText(blocks('要聚焦办实事、解民忧。'), '要聚焦办实事解民忧。')
    expect(lost?.block.line).toBe(1)
    expect(lost?.missing.startsWith('、')).toBe(true)
  })

  it('finds blocks out of order', () => {
    expect(findLostText(blocks('甲乙丙。', '丁戊己。'), '丁戊己。甲乙丙。')).toBeDefined()
  })

  it('does not let other Han text stand in for a lost block', () => {
    expect(findLostText(blocks('总则', '附则'), '附则总则')).toBeDefined()
    expect(findLostText(blocks('学习', '工作'), '学工作习')).toBeDefined()
  })
})
