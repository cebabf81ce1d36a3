import {beforeAll, describe, expect, it} from 'vitest'
import {all, child, docxOf, first, paragraphStyle, textOf, type UnpackedDocx, type XmlElement} from '../../../helpers/docx.js'

const markdown = `---
title: 书名
subtitle: 副标题
issuer: 编印单位
date: 2023-06
---

开篇。

## 一、甲

甲的正文。

## 二、乙

乙的正文。
`

let docx: UnpackedDocx
let sections: XmlElement[]

beforeAll(async () => {
  docx = await docxOf(markdown)
  sections = all(await docx.xml('word/document.xml'), 'w:sectPr')
})

/** The text of the header or footer a section refers to for `type` (default = odd pages). */
async function partText(section: XmlElement | undefined, kind: 'header' | 'footer', type: 'default' | 'even'): Promise<XmlElement> {
  const reference = section && all(section, `w:${kind}Reference`).find((candidate) => candidate.attributes['w:type'] === type)
  const rels = await docx.xml('word/_rels/document.xml.rels')
  const target = all(rels, 'Relationship').find((rel) => rel.attributes['Id'] === reference?.attributes['r:id'])?.attributes['Target']
  if (!target) throw new Error(`No ${type} ${kind}`)
  return docx.xml(`word/${target}`)
}

describe('Word sections', () => {
  it('has a cover, a 目录 and one section per top-level section (opening included)', () => {
    // cover, toc, opening, 一, 二
    expect(sections).toHaveLength(5)
  })

  it('sets every section on A5 (148 × 210 mm) with the template’s margins in twips', () => {
    for (const section of sections) {
      expect(child(section, 'w:pgSz')?.attributes).toMatchObject({'w:w': '8391', 'w:h': '11906'})
      // top/bottom 22 mm, inside 19 mm (left), outside 17.875 mm (right)
      expect(child(section, 'w:pgMar')?.attributes).toMatchObject({'w:top': '1247', 'w:bottom': '1247', 'w:left': '1077', 'w:right': '1013'})
    }
  })

  it('mirrors margins and separates even and odd headers for a two-sided book', async () => {
    const settings = await docx.xml('word/settings.xml')
    expect(child(settings, 'w:mirrorMargins')).toBeDefined()
    expect(child(settings, 'w:evenAndOddHeaders')).toBeDefined()
    expect(child(settings, 'w:characterSpacingControl')?.attributes['w:val']).toBe('compressPunctuation')
  })

  it('puts the cover’s title, subtitle, issuer and date in their styles, with no header or footer', async () => {
    const document = await docx.xml('word/document.xml')
    const cover = all(document, 'w:p').slice(0, 4)
    expect(cover.map((paragraph) => [paragraphStyle(paragraph), textOf(paragraph)])).toEqual([
      ['Title', '书名'],
      ['Subtitle', '副标题'],
      ['CoverImprint', '编印单位'],
      ['CoverImprint', '2023年6月']
    ])
    expect(all(sections[0] ?? document, 'w:headerReference')).toHaveLength(0)
    expect(all(sections[0] ?? document, 'w:footerReference')).toHaveLength(0)
  })

  it('starts the 目录 on a right-hand page, without running head or number', async () => {
    expect(child(sections[1] ?? {name: '', attributes: {}, children: []}, 'w:type')?.attributes['w:val']).toBe('oddPage')
    expect(textOf(await partText(sections[1], 'footer', 'default'))).toBe('')
    expect(all(await partText(sections[1], 'footer', 'default'), 'w:instrText')).toHaveLength(0)
  })

  it('restarts page numbers at 1 with the body and runs them on after', () => {
    expect(child(sections[2] ?? {name: '', attributes: {}, children: []}, 'w:pgNumType')?.attributes).toMatchObject({'w:start': '1', 'w:fmt': 'decimal'})
    for (const section of sections.slice(3)) {
      expect(child(section, 'w:pgNumType')?.attributes['w:start']).toBeUndefined()
      expect(child(section, 'w:type')?.attributes['w:val']).toBe('nextPage')
    }
  })

  it('writes the page number as “— PAGE —”, at the outer edge of odd and even pages', async () => {
    for (const type of ['default', 'even'] as const) {
      const footer = await partText(sections[2], 'footer', type)
      const paragraph = first(footer, 'w:p')
      expect(paragraph && paragraphStyle(paragraph)).toBe(type === 'default' ? 'Footer' : 'FooterEven')
      expect(first(footer, 'w:instrText')?.children.join('').trim()).toBe('PAGE')
      expect(textOf(footer)).toBe('—  —')
      expect(all(footer, 'w:t').map((t) => t.children.join(''))).toEqual(['— ', ' —'])
    }
    const styles = await docx.xml('word/styles.xml')
    const alignment = (id: string): string | undefined =>
      first(all(styles, 'w:style').find((style) => style.attributes['w:styleId'] === id) ?? styles, 'w:jc')?.attributes['w:val']
    expect(alignment('Footer')).toBe('right')
    expect(alignment('FooterEven')).toBe('left')
  })

  it('runs the book title on even pages and the section title on odd pages', async () => {
    expect(textOf(await partText(sections[3], 'header', 'even'))).toBe('书名')
    expect(textOf(await partText(sections[3], 'header', 'default'))).toBe('一、甲')
    expect(textOf(await partText(sections[4], 'header', 'default'))).toBe('二、乙')
    // The opening, before the first section, carries no running head (as in the PDF).
    expect(textOf(await partText(sections[2], 'header', 'default'))).toBe('')
  })

  it('writes a header or footer once and links the sections after to it while it stays the same', () => {
    const references = (section: XmlElement | undefined, kind: 'header' | 'footer'): string[] =>
      all(section ?? {name: '', attributes: {}, children: []}, `w:${kind}Reference`).map((reference) => reference.attributes['w:type'] ?? '')
    // The body's first section (the opening) has its own; 一 changes both heads; 二 only the odd one.
    expect(sections.slice(2).map((section) => references(section, 'footer'))).toEqual([['default', 'even'], [], []])
    expect(sections.slice(2).map((section) => references(section, 'header'))).toEqual([['default', 'even'], ['default', 'even'], ['default']])
    // 目录: two blank heads and feet; opening: two heads and feet; 一: two heads; 二: one.
    expect(docx.parts.filter((part) => /^word\/(header|footer)\d+\.xml$/.test(part))).toHaveLength(4 + 4 + 2 + 1)
  })
})
