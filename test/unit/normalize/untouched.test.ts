import {describe, expect, it} from 'vitest'
import {normalizeText} from '../../../src/normalize/index.js'
import {parseMarkdown} from '../../../src/normalize/markdown.js'
import {plainText} from '../../../src/normalize/phrasing.js'
import {body} from './normalize-helpers.js'

/** The text a reader sees once the Markdown normalize writes is printed. */
const printed = (input: string): string => plainText(parseMarkdown(`${body(input)}\n`))

/**
 * What normalize never changes, whatever Chinese text is around it (issue 3):
 * code, URLs, e-mail addresses, file paths, numbers, 〔2021〕 document numbers
 * and the inside of quotations in Latin-script languages. Each case is
 * chosen so that a rule would change it if it were not protected.
 */
describe('never touched', () => {
  it.each([
    ['code in backticks', '运行`npm run build; ls -la`命令,查看结果', '运行`npm run build; ls -la`命令，查看结果'],
    ['a URL with , ? ! in it', '访问https://example.com/a,b?c=1!了解', '访问https://example.com/a,b?c=1!了解'],
    ['an e-mail address', '联系zhang.san@example.com。', '联系zhang.san@example.com。'],
    ['a Windows path with a comma', '打开D:\\资料,2026\\说明.docx文件', '打开D:\\资料,2026\\说明.docx文件'],
    ['a Unix path', '修改/etc/paiban/config.yaml中的设置', '修改/etc/paiban/config.yaml中的设置'],
    ['a relative path', '见./src/normalize/index.ts文件', '见./src/normalize/index.ts文件'],
    ['a home path with Han folders', '保存到~/文档/学习资料/2026.docx即可', '保存到~/文档/学习资料/2026.docx即可'],
    ['a number with separators', '共计1,234.5万元', '共计1,234.5万元'],
    ['a percentage', '增长12.8%', '增长12.8%'],
    ['a phone number', '电话010-12345678', '电话010-12345678'],
    ['a time', '下午3:00开会', '下午3:00开会'],
    ['a ratio', '比例为1:2', '比例为1:2'],
    ['a version', '版本v2.1发布', '版本v2.1发布'],
    ['a document number', '根据京发〔2021〕3号文件', '根据京发〔2021〕3号文件'],
    ['a Latin quotation in straight quotes', '他引用了"To be, or not to be."这句话', '他引用了“To be, or not to be.”这句话'],
    ['a Latin quotation in Chinese quotes', '正如“Hello, world!”所说', '正如“Hello, world!”所说'],
    ['a Latin sentence', 'He said "Hello, world!" today.', 'He said "Hello, world!" today.'],
    ['a file name', '打开说明.txt文件', '打开说明.txt文件']
  ])('keeps %s', (_name, input, expected) => {
    expect(printed(input)).toBe(expected)
  })

  it('keeps inline code and code blocks of a Markdown source', () => {
    const source = '---\ntitle: T\n---\n\n见`a,b; c:d`。\n\n```\n中文,代码;\n  缩进 --\n```\n'
    expect(normalizeText(source, {fileName: 'x.md'}).markdown).toBe(source)
  })

  it('keeps link targets of a Markdown source', () => {
    const source = '---\ntitle: T\n---\n\n见[说明](https://example.com/学习,资料)。\n'
    expect(normalizeText(source, {fileName: 'x.md'}).markdown).toBe(source)
  })

  it('escapes a | so that a line of text never reads as a table', () => {
    expect(printed('甲 | 乙\n--- | ---')).toBe('甲 | 乙--- | ---')
    expect(body('甲 | 乙\n--- | ---')).toBe('甲 | 乙\n\n\\--- | ---')
  })
})
