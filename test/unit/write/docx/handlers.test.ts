import {beforeAll, describe, expect, it} from 'vitest'
import {all, child, docxOf, first, paragraphStyle, textOf, type UnpackedDocx, type XmlElement} from '../../../helpers/docx.js'

const markdown = `---
title: 样张
---

开篇的话。

## 一、第一部分

**一要强化理论学习**。要坚持**读原著**，做到*学深悟透*，力戒~~浅尝辄止~~，记住 \`paiban\`。
第二行与第一行相连，
English words
join with a space.<span>标记</span>

硬换行\\
之后。

> 引文段落。

### （一）小节

\`\`\`
第一行
  缩进行
\`\`\`

见[网站](https://example.org/a)与[本节](#sec-1-1)。

---

<div>不是正文</div>
`

let docx: UnpackedDocx
let body: XmlElement
let paragraphs: XmlElement[]

beforeAll(async () => {
  docx = await docxOf(markdown)
  const document = await docx.xml('word/document.xml')
  body = child(document, 'w:body') ?? document
  // The body's paragraphs, not the 目录's entries.
  const toc = new Set(all(body, 'w:sdt').flatMap((sdt) => all(sdt, 'w:p')))
  paragraphs = all(body, 'w:p').filter((paragraph) => !toc.has(paragraph))
})

const paragraphWith = (text: string): XmlElement => {
  const found = paragraphs.find((paragraph) => textOf(paragraph).includes(text))
  if (!found) throw new Error(`No paragraph with ${text}`)
  return found
}
const runWith = (text: string): XmlElement => {
  const found = all(body, 'w:r').find((run) => textOf(run) === text)
  if (!found) throw new Error(`No run ${text}`)
  return found
}

describe('the Word handlers', () => {
  it('gives every paragraph a named style', () => {
    for (const paragraph of paragraphs) expect(paragraphStyle(paragraph), textOf(paragraph)).toBeDefined()
  })

  it('sets body paragraphs in Normal with no indent or alignment of their own', () => {
    for (const text of ['开篇的话', '要坚持', '硬换行']) {
      const paragraph = paragraphWith(text)
      expect(paragraphStyle(paragraph)).toBe('Normal')
      const properties = child(paragraph, 'w:pPr')
      expect(properties && child(properties, 'w:ind')).toBeUndefined()
      expect(properties && child(properties, 'w:jc')).toBeUndefined()
    }
  })

  it('uses the heading styles of the outline levels and bookmarks them by outline id', () => {
    const heading = paragraphWith('一、第一部分')
    expect(paragraphStyle(heading)).toBe('Heading1')
    expect(child(heading, 'w:bookmarkStart')?.attributes['w:name']).toBe('sec_1')
    const subheading = paragraphWith('（一）小节')
    expect(paragraphStyle(subheading)).toBe('Heading2')
    expect(child(subheading, 'w:bookmarkStart')?.attributes['w:name']).toBe('sec_1_1')
  })

  it('sets a lead sentence in the 引导句 character style', () => {
    expect(first(runWith('一要强化理论学习'), 'w:rStyle')?.attributes['w:val']).toBe('LeadSentence')
  })

  it('formats strong, emphasis, strikethrough and inline code directly', () => {
    expect(first(runWith('读原著'), 'w:b')).toBeDefined()
    expect(first(runWith('学深悟透'), 'w:em')?.attributes['w:val']).toBe('dot')
    expect(first(runWith('浅尝辄止'), 'w:strike')).toBeDefined()
    expect(first(runWith('paiban'), 'w:rFonts')?.attributes).toMatchObject({'w:ascii': 'Courier New', 'w:eastAsia': '宋体'})
  })

  it('joins soft line breaks: nothing between Han characters, a space between words', () => {
    // After a full-width comma and before a Latin letter the break stays a space, as in CSS.
    expect(textOf(paragraphWith('第二行'))).toContain('浅尝辄止，记住 paiban。第二行与第一行相连， English words join with a space.')
  })

  it('drops raw HTML: tags and HTML blocks, but not the text between inline tags', () => {
    const text = paragraphs.map(textOf).join('')
    expect(text).not.toContain('span')
    expect(text).not.toContain('不是正文')
    expect(text).toContain('标记')
  })

  it('turns a hard break into a line break', () => {
    expect(first(paragraphWith('硬换行'), 'w:br')).toBeDefined()
  })

  it('sets block quotes in Quote and code blocks in HTML Preformatted, lines kept apart', () => {
    expect(paragraphStyle(paragraphWith('引文段落'))).toBe('Quote')
    const code = paragraphWith('缩进行')
    expect(paragraphStyle(code)).toBe('HTMLPreformatted')
    expect(all(code, 'w:br')).toHaveLength(1)
    expect(textOf(code)).toBe('第一行  缩进行')
  })

  it('links out with a hyperlink relationship and in to a heading’s bookmark', async () => {
    const paragraph = paragraphWith('见')
    const external = all(paragraph, 'w:hyperlink').find((link) => link.attributes['r:id'])
    const rels = await docx.xml('word/_rels/document.xml.rels')
    const relationship = all(rels, 'Relationship').find((rel) => rel.attributes['Id'] === external?.attributes['r:id'])
    expect(relationship?.attributes).toMatchObject({Target: 'https://example.org/a', TargetMode: 'External'})
    expect(relationship?.attributes['Id']).toMatch(/^rId\d+$/)
    expect(all(paragraph, 'w:hyperlink').some((link) => link.attributes['w:anchor'] === 'sec_1_1')).toBe(true)
    expect(first(runWith('网站'), 'w:rStyle')?.attributes['w:val']).toBe('Hyperlink')
  })

  it('writes a thematic break as an empty 分隔线 paragraph', () => {
    expect(paragraphs.some((paragraph) => paragraphStyle(paragraph) === 'ThematicBreak' && textOf(paragraph) === '')).toBe(true)
  })
})
