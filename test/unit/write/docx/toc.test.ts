import {describe, expect, it} from 'vitest'
import {all, docxOf, first, paragraphStyle, styleById, textOf, type XmlElement} from '../../../helpers/docx.js'

const markdown = `---
title: 书名
---

## 一、甲

### （一）甲一

#### 1.不进目录

## 二、乙
`

async function tocOf(tocPages?: ReadonlyMap<string, number>): Promise<{sdt: XmlElement; document: XmlElement}> {
  const docx = await docxOf(markdown, tocPages ? {docx: {tocPages}} : {})
  const document = await docx.xml('word/document.xml')
  const sdt = first(document, 'w:sdt')
  if (!sdt) throw new Error('No TOC content control')
  return {sdt, document}
}

describe('the 目录', () => {
  it('is a real TOC field over heading levels 1–2, with hyperlinks', async () => {
    const {sdt} = await tocOf()
    expect(first(sdt, 'w:instrText')?.children.join('')).toMatch(/^TOC \\h \\o "1-2"/)
    expect(all(sdt, 'w:fldChar').map((char) => char.attributes['w:fldCharType'])).toEqual(['begin', 'separate', 'end'])
  })

  it('follows its 目录 title in the TOC Heading style', async () => {
    const {document} = await tocOf()
    const heading = all(document, 'w:p').find((paragraph) => paragraphStyle(paragraph) === 'TOCHeading')
    expect(heading && textOf(heading)).toBe('目录')
  })

  it('is pre-filled with one entry per heading down to the template’s depth, linked to its bookmark', async () => {
    const {sdt, document} = await tocOf()
    const entries = all(sdt, 'w:p')
    expect(entries.map((entry) => [paragraphStyle(entry), textOf(entry)])).toEqual([
      ['TOC1', '一、甲'],
      ['TOC2', '（一）甲一'],
      ['TOC1', '二、乙']
    ])
    const bookmarks = all(document, 'w:bookmarkStart').map((bookmark) => bookmark.attributes['w:name'])
    for (const link of all(sdt, 'w:hyperlink')) expect(bookmarks).toContain(link.attributes['w:anchor'])
    // Without page numbers Word is asked to update the field on opening.
    expect(first(sdt, 'w:fldChar')?.attributes['w:dirty']).toBe('true')
  })

  it('carries the page numbers it is given, after a tab', async () => {
    const {sdt} = await tocOf(new Map([['sec-1', 1], ['sec-1-1', 2], ['sec-2', 7]]))
    const entries = all(sdt, 'w:p')
    expect(entries.map(textOf)).toEqual(['一、甲1', '（一）甲一2', '二、乙7'])
    for (const entry of entries) expect(first(entry, 'w:tab')).toBeDefined()
    expect(first(sdt, 'w:fldChar')?.attributes['w:dirty']).toBe('false')
  })

  it('leaves the entries’ tab stop to the TOC styles (text width, dot leader), with none of its own', async () => {
    const {sdt} = await tocOf(new Map([['sec-1', 1], ['sec-1-1', 2], ['sec-2', 7]]))
    for (const entry of all(sdt, 'w:p')) expect(first(entry, 'w:tabs')).toBeUndefined()
    const docx = await docxOf(markdown)
    const styles = await docx.xml('word/styles.xml')
    const tab = first(styleById(styles, 'TOC1'), 'w:tab')
    // A5 with 19 + 17.875 mm margins: 111.125 mm of text, 6300 twips.
    expect(tab?.attributes).toEqual({'w:val': 'right', 'w:leader': 'dot', 'w:pos': '6300'})
  })
})
