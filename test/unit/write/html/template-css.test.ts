import {describe, expect, it} from 'vitest'
import {bodyPageRules, cssString, templateVariables} from '../../../../src/write/html/template-css.js'
import {parseDocument} from '../../../../src/model/parse.js'
import {builtInTemplate} from '../../../helpers/template.js'

describe('template CSS', () => {
  it('sets the page size and mirrored margins from the template', async () => {
    const template = await builtInTemplate()
    const rules = bodyPageRules(template, '书名', [])
    expect(rules).toContain('size: 148mm 210mm')
    expect(rules).toMatch(/@page :left \{\s*margin-left: 17\.875mm;\s*margin-right: 19mm;/)
    expect(rules).toContain('"— " counter(page) " —"')
  })

  it('gives each top-level section a named page with its title as running head', async () => {
    const template = await builtInTemplate()
    const {outline} = parseDocument('---\ntitle: 书\n---\n\n## 一、甲\n\n### 子\n\n## 二、"乙"\n', 'a.md')
    const rules = bodyPageRules(template, '书名', outline)
    expect(rules).toContain('@page section-1:right { @top-center { content: "一、甲"')
    expect(rules).toContain('@page section-2:right { @top-center { content: "二、\\"乙\\""')
    expect(rules).toContain('@page section-1:left { @top-center { content: "书名"')
    expect(rules).not.toContain('section-3')
  })

  it('exposes template sizes as custom properties', async () => {
    const variables = templateVariables(await builtInTemplate())
    expect(variables).toContain('--body-size: 10.5pt;')
    expect(variables).toContain("--h1-font: 'Noto Sans SC';")
    expect(variables).toContain('--indent: 2em;')
  })

  it('escapes CSS strings', () => {
    expect(cssString('a"b\\c')).toBe('"a\\"b\\\\c"')
  })
})
