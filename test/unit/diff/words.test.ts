import fc from 'fast-check'
import type {PhrasingContent} from 'mdast'
import {describe, expect, it} from 'vitest'
import {diffPhrasing, segmentWords} from '../../../src/diff/words.js'
import {accept, reject, render} from './revisions.js'

const text = (value: string): PhrasingContent => ({type: 'text', value})
const strong = (...children: PhrasingContent[]): PhrasingContent => ({type: 'strong', children})

function redline(before: PhrasingContent[], after: PhrasingContent[]): string {
  return render(diffPhrasing(before, after))
}

describe('diffPhrasing', () => {
  it('segments Chinese text into words', () => {
    expect(segmentWords('要坚持学思用贯通')).toEqual(['要', '坚持', '学', '思', '用', '贯通'])
  })

  it('marks a one-character correction as one deleted and one inserted character', () => {
    expect(redline([text('学而时习之，不亦说乎？')], [text('学而时习之，不亦悦乎？')])).toBe('学而时习之，不亦{-说-}{+悦+}乎？')
  })

  it('replaces whole words where the characters share little', () => {
    expect(redline([text('要加强理论学习。')], [text('要深化理论武装。')])).toBe('要{-加强-}{+深化+}理论{-学习-}{+武装+}。')
  })

  it('folds a lone shared character between rewrites into the rewrite', () => {
    const result = redline([text('坚持用党的创新理论武装头脑。')], [text('推动高质量的发展取得新成效。')])
    expect(result).not.toMatch(/-\}的\{/)
  })

  it('gives identical content back without any revision', () => {
    const content = [text('开篇'), strong(text('一要强化理论学习')), text('。')]
    expect(redline(content, structuredClone(content))).toBe('开篇**一要强化理论学习**。')
  })

  it('treats a change of formatting as a deletion and an insertion, keeping both formats', () => {
    expect(redline([text('要读原著。')], [text('要'), strong(text('读原著')), text('。')])).toBe('要{-读原著-}**{+读原著+}**。')
  })

  it('keeps changes inside a wrapper inside it', () => {
    expect(redline([strong(text('一要强化理论学习'))], [strong(text('一要深化理论学习'))])).toBe('**一要{-强-}{+深+}化理论学习**')
  })

  it('gives back exactly the newer text on accept and the older on reject', () => {
    const piece = fc.constantFrom('学习', '理论', '，', '。', '坚持', '说', '悦', '的', 'AI', ' ', '发展')
    const content = fc
      .array(fc.tuple(fc.array(piece, {minLength: 1, maxLength: 4}), fc.boolean()), {maxLength: 6})
      .map((parts) => parts.map(([words, bold]) => (bold ? strong(text(words.join(''))) : text(words.join('')))))
    fc.assert(
      fc.property(content, content, (before, after) => {
        const merged = diffPhrasing(before, after)
        const root = {type: 'paragraph' as const, children: merged}
        // Adjacent bold runs may come back as one: compare without the seams.
        const seamless = (nodes: PhrasingContent[]): string => render(nodes).replaceAll('****', '')
        expect(seamless(accept(root).children)).toBe(seamless(after))
        expect(seamless(reject(root).children)).toBe(seamless(before))
      })
    )
  })
})
