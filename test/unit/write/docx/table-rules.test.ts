import {describe, expect, it} from 'vitest'
import {child, docxOf, first} from '../../../helpers/docx.js'
import {builtInTemplate} from '../../../helpers/template.js'
import {templateRules} from '../../../../src/write/html/template-css.js'

const markdown = '---\ntitle: 表\n---\n\n| 项目 | 数量 |\n| --- | ---: |\n| 甲 | 1 |\n'

async function borders(table?: {rules: 'grid' | 'horizontal'; rulePt: number}) {
  const template = await builtInTemplate()
  const docx = await docxOf(markdown, {context: {template: table ? {...template, table} : template}})
  const tableBorders = first(await docx.xml('word/document.xml'), 'w:tblBorders')
  if (!tableBorders) throw new Error('no w:tblBorders')
  return (side: string) => child(tableBorders, `w:${side}`)?.attributes
}

describe('table rules from the template', () => {
  it('box every cell in 0.5 pt by default', async () => {
    const side = await borders()
    for (const name of ['top', 'left', 'insideH', 'insideV']) expect(side(name), name).toMatchObject({'w:val': 'single', 'w:sz': '4'})
  })

  it('rule only between rows, at the width the template gives, with `horizontal`', async () => {
    const side = await borders({rules: 'horizontal', rulePt: 1})
    for (const name of ['top', 'bottom', 'insideH']) expect(side(name), name).toMatchObject({'w:val': 'single', 'w:sz': '8'})
    for (const name of ['left', 'right', 'insideV']) expect(side(name)?.['w:val'], name).toBe('none')
  })

  it('give the PDF the same rules', async () => {
    const template = await builtInTemplate()
    expect(templateRules(template)).not.toContain(':root th')
    expect(templateRules({...template, table: {rules: 'horizontal', rulePt: 1}})).toContain(':root th, :root td { border: 1pt solid #000; border-left: 0; border-right: 0; }')
  })
})
