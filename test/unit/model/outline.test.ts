import {describe, expect, it} from 'vitest'
import {parseDocument} from '../../../src/model/parse.js'

describe('buildOutline', () => {
  it('numbers headings relative to the shallowest depth and tracks sections', () => {
    const {outline} = parseDocument('---\ntitle: 书\n---\n\n## 一、甲\n\n### （一）子\n\n### （二）丑\n\n## 二、乙\n\n#### 深\n', 'a.md')
    expect(outline.map(({level, id, text, section}) => ({level, id, text, section}))).toEqual([
      {level: 1, id: 'sec-1', text: '一、甲', section: 0},
      {level: 2, id: 'sec-1-1', text: '（一）子', section: 0},
      {level: 2, id: 'sec-1-2', text: '（二）丑', section: 0},
      {level: 1, id: 'sec-2', text: '二、乙', section: 1},
      {level: 3, id: 'sec-2-1-1', text: '深', section: 1}
    ])
  })

  it('records the source line of each heading', () => {
    const {outline} = parseDocument('---\ntitle: 书\n---\n\n## 甲\n', 'a.md')
    expect(outline[0]?.line).toBe(5)
  })
})
