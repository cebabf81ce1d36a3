import {existsSync} from 'node:fs'
import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {widthInChars} from '../../../../../src/write/docx/handlers/official.js'
import {all, child, docxOf, first, styleById, textOf, type UnpackedDocx, type XmlElement} from '../../../../helpers/docx.js'
import {projectRoot} from '../../../../helpers/template.js'
import {tool} from '../../../../helpers/tools.js'

const markdown = `---
title: 关于开展检查的通知
---

:::addressee
各处室、直属单位：
:::

正文。

:::attachments
附件：1.评分表

2.报告模板
:::

:::signature
某某市机关事务管理局
:::

:::date
2026年3月25日
:::
`

let docx: UnpackedDocx
let styles: XmlElement
let paragraphs: XmlElement[]

beforeAll(async () => {
  docx = await docxOf(markdown)
  styles = await docx.xml('word/styles.xml')
  const document = await docx.xml('word/document.xml')
  paragraphs = all(child(document, 'w:body') ?? document, 'w:p')
})

const paragraphWith = (text: string): XmlElement => {
  const found = paragraphs.find((paragraph) => textOf(paragraph) === text)
  if (!found) throw new Error(`No paragraph ${text}`)
  return found
}
const styleOf = (paragraph: XmlElement): string | undefined => first(paragraph, 'w:pStyle')?.attributes['w:val']
const indentOf = (paragraph: XmlElement): Record<string, string> => first(child(paragraph, 'w:pPr') ?? paragraph, 'w:ind')?.attributes ?? {}
const nameOf = (id: string): string | undefined => child(styleById(styles, id), 'w:name')?.attributes['w:val']

describe('公文 elements in Word', () => {
  it('sets each in its own paragraph style, named in Chinese', () => {
    expect(styleOf(paragraphWith('各处室、直属单位：'))).toBe('OfficialAddressee')
    expect(styleOf(paragraphWith('附件：1.评分表'))).toBe('OfficialAttachments')
    expect(styleOf(paragraphWith('2.报告模板'))).toBe('OfficialAttachments')
    expect(styleOf(paragraphWith('某某市机关事务管理局'))).toBe('OfficialSignature')
    expect(styleOf(paragraphWith('2026年3月25日'))).toBe('OfficialDate')
    expect(['OfficialAddressee', 'OfficialAttachments', 'OfficialSignature', 'OfficialDate'].map(nameOf)).toEqual(['主送', '附件说明', '署名', '成文日期'])
  })

  it('sets 主送 flush left, with no first-line indent', () => {
    expect(first(styleById(styles, 'OfficialAddressee'), 'w:ind')?.attributes).toMatchObject({'w:firstLine': '0'})
  })

  it('sets the date right, 4 characters in (五号: 4 × 210 twips)', () => {
    const style = styleById(styles, 'OfficialDate')
    expect(first(style, 'w:jc')?.attributes['w:val']).toBe('right')
    expect(first(style, 'w:ind')?.attributes['w:right']).toBe('840')
  })

  it('hangs the attachment numbers: "2." under "1.", names aligned', () => {
    // 五号 210 twips a character; 2 in, "附件：" 3, "1." 1.
    expect(indentOf(paragraphWith('附件：1.评分表'))).toMatchObject({'w:left': String(6 * 210), 'w:hanging': String(4 * 210)})
    expect(indentOf(paragraphWith('2.报告模板'))).toMatchObject({'w:left': String(6 * 210), 'w:hanging': String(210)})
  })

  it('centres the signature over the date', () => {
    // The date is 6.5 characters wide, the signature 10: the signature's right edge moves out by 1.75.
    expect(indentOf(paragraphWith('某某市机关事务管理局'))).toMatchObject({'w:right': String(Math.round(2.25 * 210))})
  })

  it('counts full-width characters as one, others as a half', () => {
    expect(widthInChars('2026年3月25日')).toBe(6.5)
    expect(widthInChars('附件：1.')).toBe(4)
  })

  it('validates against the WordprocessingML schemas', async () => {
    const schemas = path.resolve(projectRoot, process.env['PAIBAN_OOXML_SCHEMAS'] ?? '../shared/ooxml-schemas')
    const schema = path.join(schemas, 'microsoft/wml-2010.xsd')
    expect(existsSync(schema), `OOXML schemas not found at ${schemas}: set PAIBAN_OOXML_SCHEMAS`).toBe(true)
    for (const part of ['word/document.xml', 'word/styles.xml']) {
      const file = path.join(docx.directory, `${path.basename(part)}.checked.xml`)
      await writeFile(file, (await docx.text(part)).replace(/ mc:Ignorable="[^"]*"/, '').replace(/ w15:restartNumberingAfterBreak="[^"]*"/g, ''))
      await expect(tool('xmllint', ['--noout', '--schema', schema, file]), part).resolves.toBeDefined()
    }
  })
})
