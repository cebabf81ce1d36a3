import type {Root, RootContent} from 'mdast'
import {describe, expect, it} from 'vitest'
import {alignBlocks, textSimilarity} from '../../../src/diff/align.js'
import {countChanges, mergeTrees} from '../../../src/diff/merge.js'
import {parseDocument} from '../../../src/model/parse.js'
import {accept, reject, render, revisionsOf} from './revisions.js'

const front = '---\ntitle: 样张\n---\n\n'
const tree = (body: string): Root => parseDocument(front + body, 'x.md').tree

/** One line per block: its kind, revision and rendered text. */
function shape(nodes: readonly RootContent[]): string[] {
  return nodes.map((node) => {
    const text = 'children' in node && node.type !== 'list' && node.type !== 'blockquote' ? render(node.children as never) : ''
    return `${node.type}${node.data?.revision ? ` (${node.data.revision})` : ''}: ${text}`
  })
}

const older = `## 一、总体要求

第一段，保持不变。

第二段将被整段删除，内容与其他段落都不相同。

第三段讲理论学习，要学而时习之，不亦说乎。

第四段，保持不变。
`

const newer = `## 一、总体要求

第一段，保持不变。

第三段讲理论学习，要学而时习之，不亦悦乎。

新增的一段，说明调查研究的具体安排。

第四段，保持不变。
`

describe('mergeTrees', () => {
  it('aligns deleted, edited, inserted and unchanged paragraphs', () => {
    const merged = mergeTrees(tree(older), tree(newer))
    expect(shape(merged.children)).toEqual([
      'heading: 一、总体要求',
      'paragraph: 第一段，保持不变。',
      'paragraph (deleted): {-第二段将被整段删除，内容与其他段落都不相同。-}',
      'paragraph: 第三段讲理论学习，要学而时习之，不亦{-说-}{+悦+}乎。',
      'paragraph (inserted): {+新增的一段，说明调查研究的具体安排。+}',
      'paragraph: 第四段，保持不变。'
    ])
    expect(countChanges(merged)).toEqual({insertions: 2, deletions: 2, insertedCharacters: 19, deletedCharacters: 23})
  })

  it('gives identical documents back without a single revision', () => {
    expect(revisionsOf(mergeTrees(tree(older), tree(older)))).toEqual([])
  })

  it('accepts to the newer tree and rejects to the older, lists, quotes, tables and notes included', () => {
    const a = `## 一、要求

1. 第一项要求。
2. 第二项要求，将被删除。
   - 子项甲。

> 引文一句，略作修改。

| 项目 | 说明 |
| --- | --- |
| 学习 | 读原著 |
| 调研 | 到基层 |

正文有注[^1]。

[^1]: 注释原文。
`
    const b = `## 一、要求

1. 第一项要求，有所补充。
2. 新增的第三项。
   - 子项甲。
   - 子项乙。

> 引文一句，稍作修改。

| 项目 | 说明 |
| --- | --- |
| 学习 | 读原著、悟原理 |
| 检视 | 查问题 |

正文有注[^1]。

[^1]: 注释新文。
`
    const strip = (root: Root): unknown => JSON.parse(JSON.stringify(root, (key, value: unknown) => (key === 'position' || key === 'data' ? undefined : value)))
    const merged = mergeTrees(tree(a), tree(b))
    expect(revisionsOf(merged).length).toBeGreaterThan(0)
    expect(render(accept(merged).children as never)).toBe(render(tree(b).children as never))
    // Structure, not only text: the accepted tree is the newer one up to merged text nodes.
    expect(textNodesJoined(strip(accept(merged)))).toEqual(textNodesJoined(strip(tree(b))))
    expect(textNodesJoined(strip(reject(merged)))).toEqual(textNodesJoined(strip(tree(a))))
  })

  it('deletes and inserts a moved paragraph', () => {
    const merged = mergeTrees(tree('甲段落的内容。\n\n乙段落的内容。\n\n丙段落。\n'), tree('乙段落的内容。\n\n丙段落。\n\n甲段落的内容。\n'))
    expect(shape(merged.children)).toEqual([
      'paragraph (deleted): {-甲段落的内容。-}',
      'paragraph: 乙段落的内容。',
      'paragraph: 丙段落。',
      'paragraph (inserted): {+甲段落的内容。+}'
    ])
  })
})

describe('alignBlocks', () => {
  it('pairs blocks by similarity between unchanged ones, in order', () => {
    const pairs = alignBlocks(['同', '加强理论学习', '删去的内容', '同'], ['同', '新增的内容甲乙', '加强理论学习，深入调查研究', '同'], {
      key: (block) => block,
      similarity: textSimilarity
    })
    expect(pairs.map((pair) => [pair.before ?? null, pair.after ?? null])).toEqual([
      ['同', '同'],
      [null, '新增的内容甲乙'],
      ['加强理论学习', '加强理论学习，深入调查研究'],
      ['删去的内容', null],
      ['同', '同']
    ])
  })
})

/** Trees compared with adjacent text nodes joined (the merge may split a text node in two). */
function textNodesJoined(node: unknown): unknown {
  if (Array.isArray(node)) {
    const joined: unknown[] = []
    for (const child of node.map(textNodesJoined)) {
      const last = joined.at(-1) as {type?: string; value?: string} | undefined
      const current = child as {type?: string; value?: string}
      if (last?.type === 'text' && current.type === 'text') last.value = `${last.value}${current.value}`
      else joined.push(child)
    }
    return joined
  }
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, textNodesJoined(value)]))
  return node
}
