import type {Root} from 'hast'
import {h} from 'hastscript'
import rehypeStringify from 'rehype-stringify'
import {unified} from 'unified'
import {describe, expect, it} from 'vitest'
import {keepMarksOffLineStart} from '../../../../src/write/html/line-start.js'

function transformed(tree: Root): string {
  keepMarksOffLineStart(tree)
  return unified().use(rehypeStringify).stringify(tree)
}

describe('keepMarksOffLineStart', () => {
  it('binds each 间隔号 and full-width tilde to the character before it', () => {
    const tree = h(null, [h('p', '卡尔·马克思在1848～1849年间')])
    expect(transformed(tree)).toBe('<p>卡<span class="no-break">尔·</span>马克思在184<span class="no-break">8～</span>1849年间</p>')
  })

  it('leaves code as typed, text without the marks alone, and a mark that opens its element', () => {
    const tree = h(null, [h('p', [h('code', 'a·b'), '正文。', h('b', '卡尔'), '·马克思'])])
    expect(transformed(tree)).toBe('<p><code>a·b</code>正文。<b>卡尔</b>·马克思</p>')
  })
})
