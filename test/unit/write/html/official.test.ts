import {describe, expect, it} from 'vitest'
import {bodyHtml} from '../../../helpers/html.js'

const html = (markdown: string): string => bodyHtml(markdown, '通知')

describe('公文 elements in HTML', () => {
  it('sets the 主送 line apart as div.official-addressee', () => {
    expect(html(':::addressee\n各处室、直属单位：\n:::\n')).toBe('<div class="official official-addressee">\n<p>各处室、直属单位：</p>\n</div>')
  })

  it('splits each attachment line into label, number and name, so the numbers can hang', () => {
    const result = html(':::attachments\n附件：1.评分表\n\n2.报告**模板**\n:::\n')
    expect(result).toContain('<p><span class="attachment-label">附件：</span><span class="attachment-number">1.</span><span class="attachment-name">评分表</span></p>')
    expect(result).toContain('<p><span class="attachment-number">2.</span><span class="attachment-name">报告<strong>模板</strong></span></p>')
  })

  it('groups a signature and the date after it, so the signature centres over the date', () => {
    const result = html('正文。\n\n:::signature\n某某市机关事务管理局\n:::\n\n:::date\n2026年3月25日\n:::\n')
    expect(result).toContain('<div class="official-closing"><div class="official official-signature">\n<p>某某市机关事务管理局</p>\n</div>\n<div class="official official-date">\n<p>2026年3月25日</p>\n</div></div>')
  })

  it('leaves a date without a signature on its own', () => {
    expect(html(':::date\n2026年3月25日\n:::\n')).toBe('<div class="official official-date">\n<p>2026年3月25日</p>\n</div>')
  })
})
