import {describe, expect, it} from 'vitest'
import {attachmentParts} from '../../../src/model/official.js'
import {parseDocument} from '../../../src/model/parse.js'

const frontMatter = '---\ntitle: 关于开展检查的通知\n---\n\n'
const parse = (body: string): ReturnType<typeof parseDocument> => parseDocument(`${frontMatter}${body}`, 'a.md')

describe('公文 elements in the model', () => {
  it('reads :::addressee, :::attachments, :::signature and :::date as officialBlock nodes', () => {
    const {tree} = parse([
      ':::addressee', '各处室、直属单位：', ':::', '',
      '正文。', '',
      ':::attachments', '附件：1.评分表', '', '2.报告模板', ':::', '',
      ':::signature', '某某市机关事务管理局', ':::', '',
      ':::date', '2026年3月25日', ':::', ''
    ].join('\n'))
    expect(tree.children.map((node) => node.type === 'officialBlock' ? `${node.role}:${node.children.length}` : node.type)).toEqual([
      'addressee:1', 'paragraph', 'attachments:2', 'signature:1', 'date:1'
    ])
  })

  it('keeps the source position of each element', () => {
    const {tree} = parse(':::addressee\n各处室：\n:::\n')
    expect(tree.children[0]?.position?.start.line).toBe(5)
  })

  it('sets the content of an unknown container as body text, and says so', () => {
    const {tree, file} = parse(':::warning\n注意事项。\n:::\n')
    expect(tree.children.map((node) => node.type)).toEqual(['paragraph'])
    expect(file.messages.map((message) => message.ruleId)).toEqual(['unknown-directive'])
    expect(file.messages[0]?.reason).toContain('`:::warning`')
  })

  it('sets a container holding other than paragraphs as body text', () => {
    const {tree} = parse(':::attachments\n- 列表项\n:::\n')
    expect(tree.children.map((node) => node.type)).toEqual(['list'])
  })

  it('reads no text directive: a colon before a digit, letter or Han character is text', () => {
    const {tree} = parse('下午3:00开会，比例1:2，见Node.js:test与甲:乙。\n')
    expect(tree.children).toHaveLength(1)
    const paragraph = tree.children[0]
    expect(paragraph?.type === 'paragraph' && paragraph.children).toEqual([
      expect.objectContaining({type: 'text', value: '下午3:00开会，比例1:2，见Node.js:test与甲:乙。'})
    ])
  })
})

describe('attachmentParts', () => {
  it.each([
    ['附件：1.评分表', {label: '附件：', number: '1.', nameStart: 5}],
    ['附件：1．评分表', {label: '附件：', number: '1．', nameStart: 5}],
    ['2.报告模板', {label: '', number: '2.', nameStart: 2}],
    ['10、汇编', {label: '', number: '10、', nameStart: 3}],
    ['附件：评分表', {label: '附件：', number: '', nameStart: 3}],
    ['评分表', {label: '', number: '', nameStart: 0}]
  ])('splits %s', (text, parts) => {
    expect(attachmentParts(text)).toEqual(parts)
  })
})
