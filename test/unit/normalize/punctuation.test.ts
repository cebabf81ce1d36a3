import {describe, expect, it} from 'vitest'
import {fixEllipses, fixHalfWidthPunctuation, fixStraightQuotes} from '../../../src/normalize/punctuation.js'
import {applyRule, body} from './normalize-helpers.js'

describe('half-width punctuation', () => {
  it.each([
    ['坚定理想信念,补足精神之钙。', '坚定理想信念，补足精神之钙。'],
    ['要坚持问题导向,带着问题学', '要坚持问题导向，带着问题学'],
    ['学用相长 ,切实', '学用相长，切实'],
    ['注意;然后', '注意；然后'],
    ['注意:以下', '注意：以下'],
    ['真的吗?是的!', '真的吗？是的！'],
    ['为什么?!', '为什么？！'],
    ['会议结束.', '会议结束。'],
    ['他说“好”.然后', '他说“好”。然后'],
    ['一般采用A5,骑马钉装订', '一般采用A5，骑马钉装订'],
    ['例如:A5幅面', '例如：A5幅面'],
    ['(一)总体框架', '## （一）总体框架'],
    ['使用(A5)幅面', '使用（A5）幅面'],
    ['一.总则', '## 一、总则'],
    ['增长12.5.', '增长12.5。'],
    ['电话010-12345678.', '电话010-12345678。']
  ])('%s → %s', (input, expected) => {
    expect(body(input)).toBe(expected)
  })

  it.each([
    ['numbers with separators', '共计1,234.5万元，增长12.8%'],
    ['a time', '下午3:00开会'],
    ['a ratio', '比例为1:2'],
    ['a phone number', '电话010-12345678'],
    ['a document number', '京发〔2021〕3号'],
    ['a URL', '访问https://example.com/a,b?c=1!了解'],
    ['an e-mail address', '联系zhang.san@example.com。'],
    ['a code span in plain text', '运行`npm run build;ls`命令'],
    ['a Latin phrase', 'Hello, world.'],
    ['a file name', '打开说明.txt文件'],
    ['a version', '版本v2.1发布'],
    ['a number in a Latin sentence', 'It costs 5.'],
    ['outline numbering after a colon', '附件：1.《条例》'],
    ['an outline number', '1.第一编']
  ])('keeps %s', (_name, input) => {
    expect(applyRule(fixHalfWidthPunctuation, input)).toBe(input)
  })

  it('leaves an unpaired ( alone', () => {
    expect(applyRule(fixHalfWidthPunctuation, '见附件(一')).toBe('见附件(一')
  })
})

describe('ellipses', () => {
  it.each([
    ['一种境界...', '一种境界……'],
    ['一种境界......', '一种境界……'],
    ['一种境界。。。', '一种境界……'],
    ['一种境界…', '一种境界……'],
    ['一种境界……', '一种境界……'],
    ['一种境界…………', '一种境界…………'],
    ['and so on...', 'and so on...'],
    ['1...10', '1...10']
  ])('%s → %s', (input, expected) => {
    expect(applyRule(fixEllipses, input)).toBe(expected)
  })
})

describe('straight quotes', () => {
  it.each([
    ['用好"学习强国"平台', '用好“学习强国”平台'],
    ['他说"要\'实干\'"。', '他说“要‘实干’”。'],
    ['"两个确立""两个维护"', '“两个确立”“两个维护”'],
    ['He said "hi" today', 'He said "hi" today'],
    ["don't 说", "don't 说"],
    ['一个"未闭合', '一个"未闭合']
  ])('%s → %s', (input, expected) => {
    expect(applyRule(fixStraightQuotes, input)).toBe(expected)
  })
})
