/**
 * Style ids and names of the Word copy.
 *
 * Word knows a built-in style by its name, not its id: `heading 1` feeds the
 * navigation pane, the TOC field's `\o` switch and pandoc/mammoth, and Word
 * and WPS show it localized (标题 1). So built-in roles get Word's exact
 * built-in name; our own roles get clear Chinese names. Ids are fixed per
 * role (ASCII, as Word writes them) so handlers can refer to them without
 * knowing what the template calls the style.
 */

export const styleIds = {
  body: 'Normal',
  title: 'Title',
  subtitle: 'Subtitle',
  coverImprint: 'CoverImprint',
  tocHeading: 'TOCHeading',
  quote: 'Quote',
  listParagraph: 'ListParagraph',
  code: 'HTMLPreformatted',
  footnoteText: 'FootnoteText',
  header: 'Header',
  footer: 'Footer',
  footerEven: 'FooterEven',
  tableText: 'TableText',
  tableHeading: 'TableHeading',
  figure: 'Figure',
  caption: 'Caption',
  thematicBreak: 'ThematicBreak',
  // 公文 elements (handlers/official.ts).
  addressee: 'OfficialAddressee',
  attachments: 'OfficialAttachments',
  signature: 'OfficialSignature',
  issueDate: 'OfficialDate',
  // Character styles.
  leadSentence: 'LeadSentence',
  hyperlink: 'Hyperlink',
  footnoteReference: 'FootnoteReference',
  /** docx's TableOfContents gives linked entries' runs this character style. */
  tocLink: 'IndexLink'
} as const

export function headingStyleId(level: number): string {
  return `Heading${level}`
}

/** docx's TableOfContents gives an entry of level n the style `TOC<n>`. */
export function tocStyleId(level: number): string {
  return `TOC${level}`
}

/** Names of our own styles (no Word built-in has the role). */
export const ownStyleNames = {
  coverImprint: '封面署名',
  leadSentence: '引导句',
  footerEven: '偶数页页脚',
  tableText: '表格文字',
  tableHeading: '表格标题',
  figure: '图片',
  thematicBreak: '分隔线',
  tocLink: '目录链接',
  addressee: '主送',
  attachments: '附件说明',
  signature: '署名',
  issueDate: '成文日期'
} as const

/** Word's built-in style names, spelled as Word writes them in styles.xml. */
const builtInNames = [
  'Normal',
  'Title',
  'Subtitle',
  'Quote',
  'List Paragraph',
  'HTML Preformatted',
  'TOC Heading',
  'footnote text',
  'footnote reference',
  'header',
  'footer',
  'Hyperlink',
  'caption',
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((level) => [`heading ${level}`, `toc ${level}`])
]

/**
 * A template's `wordStyle`, with a built-in name spelled as Word spells it in
 * the file (`TOC 1` → `toc 1`: Word matches built-ins case-insensitively but
 * writes them this way); any other name is our own and kept as written.
 */
export function wordStyleName(name: string): string {
  const lower = name.toLowerCase()
  return builtInNames.find((builtIn) => builtIn.toLowerCase() === lower) ?? name
}
