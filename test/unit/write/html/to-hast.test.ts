import {describe, expect, it} from 'vitest'
import {bodyHtml} from '../../../helpers/html.js'

const html = (markdown: string): string => bodyHtml(markdown, '书')

describe('toHast', () => {
  it('renders a lead sentence as strong.lead', () => {
    expect(html('**一要强化理论学习**。要坚持。')).toContain('<strong class="lead">一要强化理论学习</strong>。要坚持。')
  })

  it('maps heading levels to h2… with outline ids', () => {
    const result = html('## 一、甲\n\n### （一）乙\n')
    expect(result).toContain('<h2 id="sec-1">一、甲</h2>')
    expect(result).toContain('<h3 id="sec-1-1">（一）乙</h3>')
  })

  it('drops scripts, iframes, event handlers and javascript: links but keeps the text around them', () => {
    const result = html(
      '前文<script>alert(1)</script>后文\n\n<iframe src="https://example.com"></iframe>\n\n' +
        '<b onclick="steal()">粗体</b>与[链接](javascript:alert(1))。\n'
    )
    expect(result).not.toMatch(/<script|alert\(1\)<\/script|<iframe|onclick|javascript:/)
    expect(result).toContain('前文')
    expect(result).toContain('后文')
    expect(result).toContain('粗体')
    expect(result).toContain('链接')
  })

  it('removes remote images and stylesheets, keeping alt text', () => {
    const result = html('![远程图](https://example.com/x.png)\n\n<link rel="stylesheet" href="https://example.com/x.css">\n\n<style>@import url(https://example.com/y.css)</style>\n')
    expect(result).not.toContain('example.com')
    expect(result).toContain('远程图')
  })

  it('keeps local images', () => {
    expect(html('![图](images/a.png)')).toContain('<img src="images/a.png" alt="图">')
  })

  it('makes a paragraph of images a figure, captioned by the image’s title', () => {
    expect(html('![图](images/a.png "图1　会场")')).toBe('<figure><img src="images/a.png" alt="图" title="图1　会场"><figcaption>图1　会场</figcaption></figure>')
    expect(html('文字与![图](images/a.png "题")并存。')).toContain('<p>')
  })
})
