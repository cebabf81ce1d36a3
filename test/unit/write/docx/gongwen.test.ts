import {describe, expect, it} from 'vitest'
import {balancedLines} from '../../../../src/write/docx/title-lines.js'
import {all, child, docxOf, first, paragraphStyle, styleById, textOf} from '../../../helpers/docx.js'
import {builtInTemplate} from '../../../helpers/template.js'

const markdown = `---
title: 关于进一步加强机关学习资料编印管理工作的通知
subtitle: 试行
---

开头一段。

## 一、总体要求

### （一）明确职责。

正文接在标题后面。

### （二）不接段落

- 列表

## 二、工作安排

正文。
`

async function gongwen() {
  return docxOf(markdown, {context: {template: await builtInTemplate('gongwen')}})
}

describe('the Word copy on the 公文 template', () => {
  it('has A4 pages with the GB/T 9704 margins and a 22 × 28 document grid in every section', async () => {
    const document = await (await gongwen()).xml('word/document.xml')
    const sections = all(document, 'w:sectPr')
    expect(sections.length).toBeGreaterThan(1)
    for (const section of sections) {
      expect(child(section, 'w:pgSz')?.attributes).toMatchObject({'w:w': '11906', 'w:h': '16838'})
      // 37, 35, 28 and 26 mm; the footer so the number's middle is 7 mm below the type area.
      expect(child(section, 'w:pgMar')?.attributes).toMatchObject({'w:top': '2098', 'w:bottom': '1984', 'w:left': '1587', 'w:right': '1474', 'w:footer': '1419'})
      expect(child(section, 'w:docGrid')?.attributes).toEqual({'w:type': 'linesAndChars', 'w:linePitch': '579', 'w:charSpace': '-848'})
    }
    // Sections run on: only the first starts a page.
    expect(sections.slice(1).map((section) => child(section, 'w:type')?.attributes['w:val'])).toEqual(sections.slice(1).map(() => 'continuous'))
  })

  it('sets every line of text exactly one grid pitch, Normal condensed to just under a grid cell', async () => {
    const styles = await (await gongwen()).xml('word/styles.xml')
    for (const id of ['Normal', 'Heading1', 'Heading2', 'Title']) {
      expect(first(styleById(styles, id), 'w:spacing')?.attributes, id).toMatchObject({'w:line': '579', 'w:lineRule': 'exact'})
    }
    const normal = styleById(styles, 'Normal')
    expect(first(normal, 'w:sz')?.attributes['w:val']).toBe('32')
    expect(child(first(normal, 'w:rPr') ?? normal, 'w:spacing')?.attributes['w:val']).toBe('-5')
    expect(first(normal, 'w:rFonts')?.attributes).toMatchObject({'w:eastAsia': '仿宋_GB2312', 'w:ascii': 'Times New Roman'})
    expect(first(styleById(styles, 'Heading1'), 'w:rFonts')?.attributes['w:eastAsia']).toBe('黑体')
    expect(first(styleById(styles, 'Heading2'), 'w:rFonts')?.attributes['w:eastAsia']).toBe('楷体_GB2312')
    expect(first(styleById(styles, 'Title'), 'w:rFonts')?.attributes['w:eastAsia']).toBe('方正小标宋简体')
    expect(first(styleById(styles, 'Title'), 'w:sz')?.attributes['w:val']).toBe('44')
    expect(first(styleById(styles, 'Heading1'), 'w:ind')?.attributes['w:firstLineChars']).toBe('200')
  })

  it('names 仿宋 and 楷体 as Word falls back to them when the _GB2312 faces are missing', async () => {
    const fonts = await (await gongwen()).xml('word/fontTable.xml')
    const entries = all(fonts, 'w:font').map((font) => [font.attributes['w:name'], first(font, 'w:altName')?.attributes['w:val']])
    expect(entries).toContainEqual(['仿宋_GB2312', '仿宋'])
    expect(entries).toContainEqual(['楷体_GB2312', '楷体'])
    expect(entries).toContainEqual(['方正小标宋简体', undefined])
  })

  it('puts page numbers in 四号宋体 at the outer edge, one character in: odd right, even left', async () => {
    const docx = await gongwen()
    const styles = await docx.xml('word/styles.xml')
    const footer = styleById(styles, 'Footer')
    expect(first(footer, 'w:jc')?.attributes['w:val']).toBe('right')
    expect(first(footer, 'w:ind')?.attributes['w:right']).toBe('280')
    expect(first(footer, 'w:sz')?.attributes['w:val']).toBe('28')
    expect(first(footer, 'w:rFonts')?.attributes['w:eastAsia']).toBe('宋体')
    const even = styleById(styles, 'FooterEven')
    expect(first(even, 'w:jc')?.attributes['w:val']).toBe('left')
    expect(first(even, 'w:ind')?.attributes['w:left']).toBe('280')
    const footers = docx.parts.filter((part) => /^word\/footer\d+\.xml$/.test(part))
    const numbered = await Promise.all(footers.map(async (part) => (await docx.text(part)).includes('PAGE') ? part : undefined))
    expect(numbered.filter(Boolean).length).toBeGreaterThanOrEqual(2)
  })

  it('opens the body with the title, broken into even lines, and the subtitle', async () => {
    const document = await (await gongwen()).xml('word/document.xml')
    const [title, subtitle] = all(document, 'w:p')
    expect(title && paragraphStyle(title)).toBe('Title')
    // 22 characters in 156 mm of 二号 (20 a line): two lines of 11, not 20 and 2.
    expect(title && all(title, 'w:t').map((t) => t.children.join(''))).toEqual(['关于进一步加强机关学习', '资料编印管理工作的通知'])
    expect(title && all(title, 'w:br')).toHaveLength(1)
    expect(subtitle && [paragraphStyle(subtitle), textOf(subtitle)]).toEqual(['Subtitle', '试行'])
  })

  it('runs a level-2 heading into the paragraph after it with a style separator, and only then', async () => {
    const document = await (await gongwen()).xml('word/document.xml')
    const headings = all(document, 'w:p').filter((paragraph) => paragraphStyle(paragraph) === 'Heading2')
    expect(headings.map(textOf)).toEqual(['（一）明确职责。', '（二）不接段落'])
    const mark = (paragraph: (typeof headings)[number]) => child(child(paragraph, 'w:pPr') ?? paragraph, 'w:rPr')
    expect(mark(headings[0] ?? document)?.children.map((element) => typeof element === 'string' ? element : element.name)).toEqual(['w:vanish', 'w:specVanish'])
    expect(mark(headings[1] ?? document)).toBeUndefined()
  })
})

describe('balanced title lines', () => {
  it('keeps a title that fits on one line', () => {
    expect(balancedLines('主题教育的五个具体目标', 20)).toEqual(['主题教育的五个具体目标'])
  })

  it('splits a long title into lines of even length', () => {
    const lines = balancedLines('关于印发某某市机关学习资料印制管理办法和实施细则的通知', 20)
    expect(lines).toHaveLength(2)
    expect(Math.abs([...(lines[0] ?? '')].length - [...(lines[1] ?? '')].length)).toBeLessThanOrEqual(1)
  })

  it('keeps closing marks with what they close', () => {
    const lines = balancedLines('关于学习《中国共产党纪律处分条例》的通知', 10)
    for (const line of lines.slice(1)) expect('，。、；：！？）》」』】”’').not.toContain(line[0])
    expect(lines.join('')).toBe('关于学习《中国共产党纪律处分条例》的通知')
  })
})
