import {describe, expect, it} from 'vitest'
import {estimateHeadingPages} from '../../../../src/write/pdf/page-estimate.js'
import {builtInTemplate, contextFor} from '../../../helpers/template.js'

/** A paragraph of `characters` Han characters. */
function paragraph(characters: number): string {
  return '正'.repeat(characters)
}

describe('estimateHeadingPages (the booklet: A5, 30 characters of 五号 a line)', () => {
  it('puts a section that follows the title on page 1, and each next one on a page of its own', async () => {
    const context = await contextFor(`---\ntitle: 书\n---\n\n## 一、甲\n\n${paragraph(20)}\n\n## 二、乙\n\n${paragraph(20)}\n\n## 三、丙\n\n${paragraph(20)}\n`)
    expect([...estimateHeadingPages(context).values()]).toEqual([1, 2, 3])
  })

  it('moves a section past the pages its predecessor fills', async () => {
    // 166 mm of type height hold 25.6 lines of 18.375 pt; 100 paragraphs of 10 lines (298 characters and
    // the 2-character indent, 30 a line) fill 39 pages and a bit, after the title's lines.
    const long = Array.from({length: 100}, () => paragraph(298)).join('\n\n')
    const context = await contextFor(`---\ntitle: 书\n---\n\n## 一、甲\n\n${long}\n\n## 二、乙\n\n${paragraph(20)}\n`)
    const pages = [...estimateHeadingPages(context).values()]
    expect(pages[0]).toBe(1)
    expect(pages[1]).toBe(41)
  })

  it('keeps a second-level heading on the page its section runs on', async () => {
    const context = await contextFor(`---\ntitle: 书\n---\n\n## 一、甲\n\n${paragraph(20)}\n\n### （一）子\n\n${paragraph(20)}\n`)
    expect([...estimateHeadingPages(context).values()]).toEqual([1, 1])
  })

  it('breaks before no section when the template does not', async () => {
    const template = await builtInTemplate('handout')
    const context = await contextFor(`---\ntitle: 书\n---\n\n## 一、甲\n\n${paragraph(20)}\n\n## 二、乙\n\n${paragraph(20)}\n`, template)
    expect([...estimateHeadingPages(context).values()]).toEqual([1, 1])
  })
})
