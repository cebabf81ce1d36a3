import {beforeAll, describe, expect, it} from 'vitest'
import {all, child, docxOf, first, styleById, type XmlElement} from '../../../helpers/docx.js'

let styles: XmlElement

beforeAll(async () => {
  const docx = await docxOf('---\ntitle: 样张\n---\n\n## 一、标题\n\n正文。\n')
  styles = await docx.xml('word/styles.xml')
})

const nameOf = (id: string): string | undefined => child(styleById(styles, id), 'w:name')?.attributes['w:val']
const fontsOf = (id: string): Record<string, string> => first(styleById(styles, id), 'w:rFonts')?.attributes ?? {}

describe('Word styles from the booklet template', () => {
  it('uses Word’s built-in names for built-in roles', () => {
    expect(nameOf('Normal')).toBe('Normal')
    expect(nameOf('Title')).toBe('Title')
    expect(nameOf('Subtitle')).toBe('Subtitle')
    expect(nameOf('Heading1')).toBe('heading 1')
    expect(nameOf('Heading2')).toBe('heading 2')
    expect(nameOf('Heading3')).toBe('heading 3')
    expect(nameOf('TOC1')).toBe('toc 1')
    expect(nameOf('TOC2')).toBe('toc 2')
    expect(nameOf('Quote')).toBe('Quote')
    expect(nameOf('ListParagraph')).toBe('List Paragraph')
    expect(nameOf('FootnoteText')).toBe('footnote text')
  })

  it('names our own styles in Chinese', () => {
    expect(nameOf('LeadSentence')).toBe('引导句')
    expect(styleById(styles, 'LeadSentence').attributes['w:type']).toBe('character')
    expect(nameOf('CoverImprint')).toBe('封面署名')
  })

  it('writes no style Word does not define as such (docx’s paragraph style “Strong”)', () => {
    expect(all(styles, 'w:style').map((style) => style.attributes['w:styleId'])).not.toContain('Strong')
  })

  it('sets Han in the East Asian face and Latin in the Latin face, hinted East Asian', () => {
    expect(fontsOf('Normal')).toMatchObject({'w:eastAsia': '宋体', 'w:ascii': 'Times New Roman', 'w:hAnsi': 'Times New Roman', 'w:hint': 'eastAsia'})
    expect(fontsOf('Heading1')).toMatchObject({'w:eastAsia': '黑体', 'w:ascii': 'Arial', 'w:hint': 'eastAsia'})
    expect(fontsOf('LeadSentence')).toMatchObject({'w:eastAsia': '黑体'})
    const defaults = first(styles, 'w:rPrDefault')
    expect(defaults && first(defaults, 'w:rFonts')?.attributes['w:eastAsia']).toBe('宋体')
  })

  it('marks the text Chinese (zh-CN) by default', () => {
    const defaults = first(styles, 'w:rPrDefault')
    expect(defaults && first(defaults, 'w:lang')?.attributes).toMatchObject({'w:val': 'zh-CN', 'w:eastAsia': 'zh-CN'})
  })

  it('sizes text in half-points from the template (五号 21, 四号 28, 小四 24, 二号 44)', () => {
    const size = (id: string): string | undefined => first(styleById(styles, id), 'w:sz')?.attributes['w:val']
    expect(size('Normal')).toBe('21')
    expect(size('Heading1')).toBe('28')
    expect(size('Heading2')).toBe('24')
    expect(size('Title')).toBe('44')
  })

  it('indents, justifies and spaces body text in Normal', () => {
    const normal = styleById(styles, 'Normal')
    expect(first(normal, 'w:ind')?.attributes).toEqual({'w:firstLine': '420', 'w:firstLineChars': '200'})
    expect(first(normal, 'w:jc')?.attributes['w:val']).toBe('both')
    // 10.5 pt × 1.75 = 18.375 pt = 368 twips, at least.
    expect(first(normal, 'w:spacing')?.attributes).toMatchObject({'w:line': '368', 'w:lineRule': 'atLeast'})
  })

  it('lets only headings, centred or ruled lines, captions and the 公文 elements set the first-line indent to 0', () => {
    const zeroed = all(styles, 'w:style')
      .filter((style) => first(style, 'w:ind')?.attributes['w:firstLineChars'] === '0')
      .map((style) => style.attributes['w:styleId'])
      .sort()
    expect(zeroed).toEqual(
      ['Caption', 'CoverImprint', 'Footer', 'FooterEven', 'HTMLPreformatted', 'Header', 'Heading1', 'Heading2', 'Heading3', 'Figure', 'Subtitle', 'TOC1', 'TOC2', 'TOCHeading', 'TableText', 'ThematicBreak', 'Title',
        'OfficialAddressee', 'OfficialAttachments', 'OfficialSignature', 'OfficialDate'].sort()
    )
    for (const id of ['Quote', 'FootnoteText']) expect(first(styleById(styles, id), 'w:ind')?.attributes['w:firstLineChars']).toBe('200')
  })

  it('sets Chinese line breaking for every paragraph: kinsoku on, no hanging punctuation', () => {
    const defaults = first(styles, 'w:pPrDefault')
    expect(defaults && first(defaults, 'w:kinsoku')).toBeDefined()
    expect(defaults && first(defaults, 'w:overflowPunct')?.attributes['w:val']).toBe('0')
    expect(defaults && first(defaults, 'w:autoSpaceDE')).toBeDefined()
  })

  it('gives TOC entries a dot-leader right tab at the text’s right edge (111.125 mm = 6300 twips)', () => {
    for (const id of ['TOC1', 'TOC2']) {
      expect(first(styleById(styles, id), 'w:tab')?.attributes).toEqual({'w:val': 'right', 'w:leader': 'dot', 'w:pos': '6300'})
    }
  })
})
