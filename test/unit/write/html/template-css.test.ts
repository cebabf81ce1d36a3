import {describe, expect, it} from 'vitest'
import {bodyPageRules, cssString, templateRules, templateVariables} from '../../../../src/write/html/template-css.js'
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

  it('centres the 22 line boxes of the 公文 grid on the type area and tracks 28 characters into its width', async () => {
    const template = await builtInTemplate('gongwen')
    const rules = bodyPageRules(template, '标题', [])
    // 22 × 29.457 pt is 10.25 pt taller than 225 mm: half of it goes above the 37 mm margin.
    expect(rules).toMatch(/margin: 35\.19\d*mm 26mm 33\.01\d*mm 28mm;/)
    const css = templateRules(template)
    expect(css).toContain('main { letter-spacing: -0.22483pt; text-spacing-trim: space-all; }')
    expect(templateVariables(template)).toContain('--indent: 31.59pt;')
  })

  it('puts 公文 page numbers 7 mm below the type area, one character in from its outer edge', async () => {
    const rules = bodyPageRules(await builtInTemplate('gongwen'), '标题', [])
    // The line's middle 7 mm below the type area: 7 mm − 7 pt, less the 1.82 mm the grid's box reaches below it.
    expect(rules).toMatch(/@bottom-right \{ content: "— " counter\(page\) " —";[^}]*padding-top: 2\.54mm; padding-right: 1em; \}/)
    expect(rules).toMatch(/@bottom-left \{[^}]*text-align: left;[^}]*padding-left: 1em; \}/)
    expect(rules).not.toContain('@top-center')
  })

  it('runs headings of run-in levels into the paragraph after them', async () => {
    const css = templateRules(await builtInTemplate('gongwen'))
    expect(css).toContain('.run-in > h3 { display: inline;')
    expect(css).toContain('.run-in > p { display: inline; }')
    expect(css).not.toContain('.run-in > h2')
    // Level 4 (h5) gets its own style, past base.css's three levels.
    expect(css).toContain(':root h5 { font-family: var(--h4-font);')
  })

  it('uses no named pages when no running head names the section, so sections run on', async () => {
    const template = await builtInTemplate('handout')
    const {outline} = parseDocument('---\ntitle: 书\n---\n\n## 一、甲\n\n## 二、乙\n', 'a.md')
    expect(bodyPageRules(template, '书名', outline)).not.toContain('section-1')
    expect(bodyPageRules(await builtInTemplate(), '书名', outline)).toContain('@page section-1:right')
  })
})
