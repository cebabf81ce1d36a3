import {describe, expect, it} from 'vitest'
import {describeSpace} from '../../../src/normalize/spacing.js'
import {body, ruleIds} from './normalize-helpers.js'

describe('spaces', () => {
  it.each([
    ['no-break spaces around a line', '\u00a0在学习贯彻\u00a0', '在学习贯彻'],
    ['a no-break space between Latin words', 'Hello\u00a0world', 'Hello world'],
    ['zero-width characters', '学\u200b习\ufeff资料', '学习资料'],
    ['ideographic-space indentation', '\u3000\u3000今天，我们召开会议。', '今天，我们召开会议。'],
    ['space indentation', '    今天，我们召开会议。', '今天，我们召开会议。'],
    ['trailing spaces', '今天，我们召开会议。 \t', '今天，我们召开会议。'],
    ['spaces between Han characters', '同 志 们', '同志们'],
    ['a spaced-out short word', '总　则', '总则'],
    ['spaces around full-width punctuation', '学用相长 ， 切实', '学用相长，切实'],
    ['spaces between Han and digits', '2025 年 3 月 27 日', '2025年3月27日'],
    ['spaces between Han and Latin', '采用 A5 幅面', '采用A5幅面'],
    ['a tab between Latin words', 'Hello\tworld', 'Hello world'],
    ['a space after outline numbering', '1. 第一编', '## 1.第一编']
  ])('removes %s', (_name, input, expected) => {
    expect(body(input)).toBe(expected)
  })

  it('keeps one ideographic space after 第一条 and 第一章', () => {
    expect(body('第一条　为规范工作，制定本办法。')).toBe('第一条　为规范工作，制定本办法。')
    expect(body('第一条 为规范工作，制定本办法。')).toBe('第一条　为规范工作，制定本办法。')
    expect(body('第一章　总　则')).toBe('## 第一章　总则')
  })

  it('keeps spaces between Han and Latin when asked to', () => {
    expect(body('采用 A5 幅面', {hanLatinSpace: 'keep'})).toBe('采用 A5 幅面')
  })

  it('keeps the spaces that set off a URL', () => {
    // GFM reads a bare URL as a link whatever is escaped, so it is written as an autolink.
    expect(body('访问 https://example.com 了解')).toBe('访问 <https://example.com> 了解')
  })

  it('keeps the space between Latin words', () => {
    expect(body('使用 Microsoft Word 软件')).toBe('使用Microsoft Word软件')
  })

  it('reports each removal with its rule', () => {
    expect(ruleIds('\u00a0学 习\u200b')).toEqual(['no-break-space', 'stray-space', 'zero-width-character'])
    expect(ruleIds('采用 A5')).toEqual(['han-latin-space'])
  })

  it('drops a line of no-break spaces', () => {
    expect(body('正文。\n\u00a0\n')).toBe('正文。')
  })

  it.each([
    [' ', 'space'],
    ['   ', '3 × space'],
    ['\u3000', 'ideographic space U+3000'],
    [' \t', 'spaces (space, tab)']
  ])('describes %j as %s', (run, description) => {
    expect(describeSpace(run)).toBe(description)
  })
})
