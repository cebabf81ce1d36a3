import {h} from 'hastscript'
import type {Element, Root} from 'hast'
import {describe, expect, it} from 'vitest'
import {wrapRunInHeadings} from '../../../../src/write/html/run-in.js'
import {builtInTemplate} from '../../../helpers/template.js'

function tree(...children: Element[]): Root {
  return {type: 'root', children}
}

describe('run-in headings', () => {
  it('wraps a run-in level heading with the paragraph after it, each pair on its own', async () => {
    const body = tree(h('h2', '一、甲'), h('h3', {id: 'sec-1-1'}, '（一）乙。'), h('p', '正文。'), h('h3', '（二）丙。'), h('p', '又一段。'))
    wrapRunInHeadings(body, await builtInTemplate('gongwen'))
    expect(body.children.map((node) => (node.type === 'element' ? `${node.tagName}.${String(node.properties['className'] ?? '')}` : node.type))).toEqual(['h2.', 'div.run-in', 'div.run-in'])
    const [, first] = body.children as Element[]
    expect(first?.children.map((node) => (node.type === 'element' ? node.tagName : ''))).toEqual(['h3', 'p'])
    expect((first?.children[0] as Element).properties['id']).toBe('sec-1-1')
  })

  it('leaves a heading alone when no paragraph follows, and templates without run-in levels alone', async () => {
    const body = tree(h('h3', '（一）乙'), h('ul', [h('li', '项')]), h('h2', '二、丁'), h('p', '正文'))
    wrapRunInHeadings(body, await builtInTemplate('gongwen'))
    expect(body.children.map((node) => (node.type === 'element' ? node.tagName : ''))).toEqual(['h3', 'ul', 'h2', 'p'])
    const booklet = tree(h('h3', '（一）乙'), h('p', '正文'))
    wrapRunInHeadings(booklet, await builtInTemplate())
    expect(booklet.children).toHaveLength(2)
  })
})
