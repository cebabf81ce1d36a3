import {describe, expect, it} from 'vitest'
import {writeHtml} from '../../../../src/write/html/index.js'
import {contextFor} from '../../../helpers/template.js'

const markdown = `---
title: 书
---

开篇。<script>alert(1)</script>

## 一、甲

![图](./images/a%20b.png "图1")

## 二、乙

正文。
`

describe('writeHtml', () => {
  it('serves images from the source folder in print and from the assets folder on the web, the rest alike', async () => {
    const html = writeHtml(await contextFor(markdown), {name: 'x'})
    expect(html.printBody).toContain('<img src="/source/images/a b.png" alt="图" title="图1">')
    expect(html.web).toContain('<img src="x.assets/images/a b.png" alt="图" title="图1">')
    expect(html.webAssets.at(-1)).toMatchObject({to: 'x.assets/images/a b.png'})
    expect(html.webAssets.slice(0, -1).every((asset) => asset.to.startsWith('assets/fonts/'))).toBe(true)
    // The last section: up to the end of <main> on the web, of its <section> in print.
    const from = (page: string, end: string): string => page.slice(page.indexOf('<h2 id="sec-2">'), page.indexOf(end, page.indexOf('<h2 id="sec-2">')))
    expect(from(html.web, '</main>')).toContain('正文。')
    expect(from(html.web, '</main>')).toBe(from(html.printBody, '</section>'))
  })

  it('never lets raw HTML the sanitizer dropped into a page', async () => {
    const html = writeHtml(await contextFor(markdown), {name: 'x'})
    for (const page of [html.printBody, html.web, html.printBodyWithBlanks(new Set(['sec-2'])), html.printFront(new Map())]) {
      expect(page).not.toContain('<script')
      expect(page).not.toContain('alert(1)')
    }
  })

  it('puts a blank page before the sections asked for, and otherwise prints the body unchanged', async () => {
    const html = writeHtml(await contextFor(markdown), {name: 'x'})
    expect(html.printBodyWithBlanks(new Set())).toBe(html.printBody)
    const withBlank = html.printBodyWithBlanks(new Set(['sec-2']))
    expect(withBlank.match(/class="recto-blank"/g)).toHaveLength(1)
    expect(withBlank.indexOf('class="recto-blank"')).toBeLessThan(withBlank.indexOf('<h2 id="sec-2">'))
    expect(withBlank.indexOf('class="recto-blank"')).toBeGreaterThan(withBlank.indexOf('<h2 id="sec-1">'))
  })
})
