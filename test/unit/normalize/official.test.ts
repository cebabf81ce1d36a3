import {describe, expect, it} from 'vitest'
import {officialRoles as modelRoles} from '../../../src/model/official.js'
import {parseDocument} from '../../../src/model/parse.js'
import {isFixable, normalizeText, type NormalizeOptions} from '../../../src/normalize/index.js'
import {officialRoles} from '../../../src/normalize/official.js'
import {body} from './normalize-helpers.js'

const findings = (text: string, options: NormalizeOptions = {frontMatter: {title: 'T'}}): string[] =>
  normalizeText(text, options).messages
    .filter((message) => message.ruleId === 'official-element' || message.ruleId === 'ambiguous-official')
    .map((message) => `${message.line}:${message.column} ${message.ruleId}`)

describe('the 主送 line', () => {
  it.each([
    ['各处室、直属单位：'],
    ['各区县人民政府，市政府各委、办、局：'],
    ['各省、自治区、直辖市党委组织部：'],
    ['市教育局:']
  ])('sets %s apart as :::addressee', (line) => {
    const expected = line.replace(/:$/u, '：')
    expect(body(`${line}\n现将有关事项通知如下。`)).toBe(`:::addressee\n${expected}\n:::\n\n现将有关事项通知如下。`)
  })

  it('finds it after a 发文字号 line', () => {
    expect(body('某机管发〔2026〕3号\n各处室：\n正文。')).toBe('某机管发〔2026〕3号\n\n:::addressee\n各处室：\n:::\n\n正文。')
  })

  it.each([
    ['a 称呼 of people', '同志们：'],
    ['a 称呼 of guests', '各位领导、各位来宾：'],
    ['a sentence ending in ：', '现将有关事项通知如下：'],
    ['a sentence ending in an office word', '现就召开座谈会：']
  ])('keeps %s a paragraph, and says nothing', (_name, line) => {
    expect(body(`${line}\n正文。`)).toBe(`${line}\n\n正文。`)
    expect(findings(`${line}\n正文。`)).toEqual([])
  })

  it('keeps a first line in ： that names no office, and reports it', () => {
    expect(body('张三、李四：\n正文。')).toBe('张三、李四：\n\n正文。')
    expect(findings('张三、李四：\n正文。')).toEqual(['1:1 ambiguous-official'])
  })

  it('looks only at the first line', () => {
    expect(body('正文。\n各处室：\n正文。')).toBe('正文。\n\n各处室：\n\n正文。')
  })
})

describe('the 附件说明', () => {
  it('takes the numbered lines after 附件：1. that go on counting', () => {
    expect(body('正文。\n附件：1.评分表\n2.报告模板\n3.名单\n5.另有说明，见后。')).toBe('正文。\n\n:::attachments\n附件：1.评分表\n\n2.报告模板\n\n3.名单\n:::\n\n5.另有说明，见后。')
  })

  it('takes a single attachment without a number', () => {
    expect(body('正文。\n附件：学习资料编印质量检查评分表')).toBe('正文。\n\n:::attachments\n附件：学习资料编印质量检查评分表\n:::')
  })

  it('takes 附件： on a line of its own with the list under it', () => {
    expect(body('正文。\n附件：\n1.评分表\n2.报告模板')).toBe('正文。\n\n:::attachments\n附件：\n\n1.评分表\n\n2.报告模板\n:::')
  })

  it('keeps a 附件 line that is a sentence, and reports it', () => {
    expect(body('正文。\n附件：请于4月20日前报送。')).toBe('正文。\n\n附件：请于4月20日前报送。')
    expect(findings('正文。\n附件：请于4月20日前报送。')).toEqual(['2:1 ambiguous-official'])
  })

  it('stops at an item with a sentence end', () => {
    expect(body('正文。\n附件：1.评分表\n2.报告模板。后文。')).toContain(':::attachments\n附件：1.评分表\n:::\n\n')
  })
})

describe('the signature and the date', () => {
  it('sets the last two lines apart as :::signature and :::date', () => {
    expect(body('各处室：\n正文。\n某某市机关事务管理局\n2026年3月25日')).toBe(
      ':::addressee\n各处室：\n:::\n\n正文。\n\n:::signature\n某某市机关事务管理局\n:::\n\n:::date\n2026年3月25日\n:::'
    )
  })

  it('takes joint signatures, one a line', () => {
    expect(body('正文。\n中共某某市委办公室\n某某市人民政府办公室\n2026年3月25日')).toBe(
      '正文。\n\n:::signature\n中共某某市委办公室\n\n某某市人民政府办公室\n:::\n\n:::date\n2026年3月25日\n:::'
    )
  })

  it('reads a date in Han numerals, and the spaces and full-width digits of a typed one', () => {
    expect(body('正文。\n某某局\n二〇二六年三月二十五日')).toBe('正文。\n\n:::signature\n某某局\n:::\n\n:::date\n二〇二六年三月二十五日\n:::')
    expect(body('正文。\n某某局\n２０２６ 年 3 月 25 日')).toBe('正文。\n\n:::signature\n某某局\n:::\n\n:::date\n2026年3月25日\n:::')
  })

  it('leaves a 附注 after the date as a paragraph', () => {
    expect(body('正文。\n某某局\n2026年3月25日\n（此件公开发布）')).toBe('正文。\n\n:::signature\n某某局\n:::\n\n:::date\n2026年3月25日\n:::\n\n（此件公开发布）')
  })

  it('takes a date with no signature above it in a text with a 主送', () => {
    expect(body('各处室：\n正文。\n2026年3月25日')).toBe(':::addressee\n各处室：\n:::\n\n正文。\n\n:::date\n2026年3月25日\n:::')
  })

  it('keeps a lone date at the end of another text, and reports it', () => {
    expect(body('正文。\n2026年3月25日')).toBe('正文。\n\n2026年3月25日')
    expect(findings('正文。\n2026年3月25日')).toEqual(['2:1 ambiguous-official'])
  })

  it('does not sign with a closing formula', () => {
    expect(body('正文。\n此致\n敬礼\n2026年3月25日')).toBe('正文。\n\n此致\n\n敬礼\n\n2026年3月25日')
  })

  it('needs a full date', () => {
    expect(body('正文。\n某某局\n2026年3月')).toBe('正文。\n\n某某局\n\n2026年3月')
  })
})

describe('公文 elements, end to end', () => {
  const text = '关于开展检查的通知\n各处室、直属单位：\n正文。\n附件：1.评分表\n2.报告模板\n某某市机关事务管理局\n2026年3月25日'

  it('reports each element once, with its fix', () => {
    expect(findings(text, {})).toEqual(['2:1 official-element', '4:1 official-element', '6:1 official-element', '7:1 official-element'])
  })

  it('writes Markdown that normalizes to itself and parses into officialBlock nodes', () => {
    const {markdown} = normalizeText(text)
    const again = normalizeText(markdown, {fileName: 'x.md'})
    expect(again.markdown).toBe(markdown)
    expect(again.messages.filter(isFixable)).toEqual([])
    const {tree} = parseDocument(markdown, 'x.md')
    expect(tree.children.map((node) => node.type === 'officialBlock' ? node.role : node.type)).toEqual(['addressee', 'paragraph', 'attachments', 'signature', 'date'])
  })

  it('is switched off with official-element', () => {
    expect(body(text.split('\n').slice(1).join('\n'), {rules: {off: ['official-element']}})).toBe(
      '各处室、直属单位：\n\n正文。\n\n附件：1.评分表\n\n2.报告模板\n\n某某市机关事务管理局\n\n2026年3月25日'
    )
  })

  it('knows the roles the model reads', () => {
    expect([...officialRoles]).toEqual([...modelRoles])
  })
})
