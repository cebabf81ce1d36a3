import {beforeAll, describe, expect, it} from 'vitest'
import {all, child, docxOf, first, paragraphStyle, textOf, type UnpackedDocx, type XmlElement} from '../../../helpers/docx.js'

const markdown = `---
title: 样张
---

## 一、列表与表格

1. 第一项
2. 第二项
   1. 子项甲
   2. 子项乙
3. 第三项

- 要点
  - 子要点

1. 另一个列表

| 左 | 中 | 右 | 默认 |
| :-- | :-: | --: | --- |
| 甲 | 乙 | 丙 | 丁 |
| 戊 | 己 | 庚 | 辛 |

正文里有注释[^a]，再次引用[^a]。

[^a]: 注释的内容。
`

let docx: UnpackedDocx
let document: XmlElement
let numbering: XmlElement

beforeAll(async () => {
  docx = await docxOf(markdown)
  document = await docx.xml('word/document.xml')
  numbering = await docx.xml('word/numbering.xml')
})

/** ilvl and numId of a paragraph. */
function numberOf(paragraph: XmlElement): {level: string | undefined; id: string | undefined} {
  const numPr = first(paragraph, 'w:numPr')
  return {level: numPr && first(numPr, 'w:ilvl')?.attributes['w:val'], id: numPr && first(numPr, 'w:numId')?.attributes['w:val']}
}

/** The abstract definition behind a numId. */
function levelsOf(numId: string | undefined): XmlElement[] {
  const num = all(numbering, 'w:num').find((candidate) => candidate.attributes['w:numId'] === numId)
  const abstractId = num && first(num, 'w:abstractNumId')?.attributes['w:val']
  const abstract = all(numbering, 'w:abstractNum').find((candidate) => candidate.attributes['w:abstractNumId'] === abstractId)
  return abstract ? all(abstract, 'w:lvl') : []
}

const items = (): XmlElement[] => all(document, 'w:p').filter((paragraph) => paragraphStyle(paragraph) === 'ListParagraph')

describe('lists', () => {
  it('are List Paragraphs with real Word numbering, nested by level', () => {
    const rows = items().map((paragraph) => [textOf(paragraph), numberOf(paragraph).level])
    expect(rows).toEqual([
      ['第一项', '0'],
      ['第二项', '0'],
      ['子项甲', '1'],
      ['子项乙', '1'],
      ['第三项', '0'],
      ['要点', '0'],
      ['子要点', '1'],
      ['另一个列表', '0']
    ])
  })

  it('number ordered lists 1. （1） and bullet the others', () => {
    const [first, , nested, , , bullet] = items()
    const text = (paragraph: XmlElement | undefined, level: number): string | undefined => {
      const lvl = levelsOf(paragraph && numberOf(paragraph).id)[level]
      return lvl && child(lvl, 'w:lvlText')?.attributes['w:val']
    }
    const format = (paragraph: XmlElement | undefined, level: number): string | undefined => {
      const lvl = levelsOf(paragraph && numberOf(paragraph).id)[level]
      return lvl && child(lvl, 'w:numFmt')?.attributes['w:val']
    }
    expect([format(first, 0), text(first, 0)]).toEqual(['decimal', '%1.'])
    expect([format(nested, 1), text(nested, 1)]).toEqual(['decimal', '（%2）'])
    expect(format(bullet, 0)).toBe('bullet')
  })

  it('restart for each list: one Word list instance per Markdown list', () => {
    const ids = items().map((paragraph) => numberOf(paragraph).id)
    const [outer, , inner, , , bullets, , another] = ids
    expect(new Set([outer, inner, bullets, another]).size).toBe(4)
    expect(ids[1]).toBe(outer)
    expect(ids[4]).toBe(outer)
  })

  it('keep the first-line indent and move nested levels 2 characters in', () => {
    const [first] = items()
    const levels = levelsOf(first && numberOf(first).id)
    expect(levels[0] && first && child(child(levels[0], 'w:pPr') ?? levels[0], 'w:ind')?.attributes).toEqual({'w:left': '0', 'w:firstLine': '420', 'w:firstLineChars': '200'})
    expect(levels[1] && child(child(levels[1], 'w:pPr') ?? levels[1], 'w:ind')?.attributes['w:left']).toBe('420')
  })
})

describe('tables', () => {
  it('repeat the header row on every page, and only the header row', () => {
    const rows = all(document, 'w:tr')
    expect(rows.map((row) => first(row, 'w:tblHeader') !== undefined)).toEqual([true, false, false])
    expect(all(rows[0] ?? document, 'w:p').every((paragraph) => paragraphStyle(paragraph) === 'TableHeading')).toBe(true)
    expect(all(rows[1] ?? document, 'w:p').every((paragraph) => paragraphStyle(paragraph) === 'TableText')).toBe(true)
  })

  it('align cells as the Markdown delimiter row says', () => {
    const row = all(document, 'w:tr')[1] ?? document
    expect(all(row, 'w:p').map((paragraph) => first(paragraph, 'w:jc')?.attributes['w:val'])).toEqual(['left', 'center', 'right', undefined])
  })

  it('are ruled all round and span the text width in equal columns', () => {
    const table = first(document, 'w:tbl') ?? document
    const borders = first(table, 'w:tblBorders')
    expect(borders && borders.children.map((border) => typeof border === 'string' ? '' : border.attributes['w:val'])).toEqual(Array(6).fill('single'))
    expect(all(table, 'w:gridCol').map((column) => column.attributes['w:w'])).toEqual(['1575', '1575', '1575', '1575'])
  })
})

describe('footnotes', () => {
  it('become real Word footnotes in the footnote text style', async () => {
    const references = all(document, 'w:footnoteReference')
    expect(references).toHaveLength(1)
    const footnotes = await docx.xml('word/footnotes.xml')
    const note = all(footnotes, 'w:footnote').find((candidate) => candidate.attributes['w:id'] === references[0]?.attributes['w:id'])
    expect(note && textOf(note)).toBe('注释的内容。')
    expect(note && all(note, 'w:p').map(paragraphStyle)).toEqual(['FootnoteText'])
  })

  it('repeat the number of a note referenced twice', () => {
    const paragraph = all(document, 'w:p').find((candidate) => textOf(candidate).startsWith('正文里有注释'))
    expect(paragraph && textOf(paragraph)).toBe('正文里有注释，再次引用1。')
  })
})
