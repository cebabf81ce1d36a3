import {readFileSync} from 'node:fs'
import path from 'node:path'
import {toString} from 'mdast-util-to-string'
import {visit} from 'unist-util-visit'
import {describe, expect, it} from 'vitest'
import {parseDocument} from '../../../src/model/parse.js'
import {normalizeText} from '../../../src/normalize/index.js'
import {decodeText} from '../../../src/read/decode.js'

/** source/zhuti-jiaoyu.md is normalize's output for the corpus text; it must stay so and parse as planned. */
const projectRoot = path.resolve(import.meta.dirname, '../../..')
const sourceFile = path.join(projectRoot, 'source/zhuti-jiaoyu.md')
const fixtureInput = path.join(projectRoot, 'test/fixtures/normalize/zhuti-jiaoyu/input.txt')
const markdown = readFileSync(sourceFile, 'utf8')
const input = decodeText(readFileSync(fixtureInput), 'zhuti-jiaoyu.txt')

describe('source/zhuti-jiaoyu.md', () => {
  it('is what normalize writes for the corpus text', () => {
    const options = JSON.parse(readFileSync(path.join(projectRoot, 'test/fixtures/normalize/zhuti-jiaoyu/options.json'), 'utf8')) as Parameters<typeof normalizeText>[1]
    expect(normalizeText(input, {...options, fileName: 'zhuti-jiaoyu.txt'}).markdown).toBe(markdown)
  })

  const {tree, meta, outline} = parseDocument(markdown, 'source/zhuti-jiaoyu.md')

  it('has the front matter of the study booklet', () => {
    expect(meta).toMatchObject({
      title: '主题教育的五个具体目标', subtitle: '学习读本', issuer: '主题教育学习材料编印组',
      date: '2023-06', subject: '主题教育的五个具体目标', keywords: ['主题教育', '学习读本']
    })
  })

  it('opens with a paragraph, then five level-2 headings that keep their 。', () => {
    expect(tree.children[0]?.type).toBe('paragraph')
    expect(outline.map((entry) => entry.level)).toEqual([1, 1, 1, 1, 1])
    expect(outline.map((entry) => entry.text)).toEqual([
      '一、要聚焦“凝心铸魂筑牢根本”下功夫、抓实效。',
      '二、要聚焦“锤炼品格强化忠诚”，下功夫、抓实效。',
      '三、要聚焦“实干担当促进发展”下功夫、抓实效。',
      '四、要聚焦“践行宗旨为民造福”下功夫、抓实效。',
      '五、要聚焦“廉洁奉公树立新风”下功夫、抓实效。'
    ])
  })

  it('gives each 一要／二要／三要 point its own paragraph opening with a lead sentence', () => {
    const sections: string[][] = []
    for (const node of tree.children.slice(1)) {
      if (node.type === 'heading') sections.push([])
      else if (node.type === 'paragraph') {
        const [first, second] = node.children
        expect(first?.type).toBe('leadSentence')
        expect(second?.type === 'text' && second.value.startsWith('。')).toBe(true)
        sections[sections.length - 1]?.push(toString(first).slice(0, 2))
      }
    }
    expect(sections).toEqual(Array.from({length: 5}, () => ['一要', '二要', '三要']))
  })

  it('has no strong text but the lead sentences, and prints the four ** marks as text', () => {
    let strong = 0
    visit(tree, 'strong', () => {
      strong++
    })
    expect(strong).toBe(0)
    const text = toString(tree)
    expect(text.match(/\*\*/gu)?.length).toBe(4)
    expect(text).toContain('“**党建在线”')
    expect(text).toContain('用好**历史纪念馆、**战役纪念馆')
  })

  it('keeps every character of the corpus text but the no-break spaces, with the comma full-width', () => {
    const expected = input.replace(/[\u00a0\n]/gu, '').replace('坚定理想信念,补足精神之钙', '坚定理想信念，补足精神之钙')
    const body: string[] = []
    for (const node of tree.children) body.push(toString(node))
    expect(body.join('')).toBe(expected)
    expect(markdown).not.toContain('\u00a0')
  })
})
