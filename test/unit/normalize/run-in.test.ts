import {describe, expect, it} from 'vitest'
import {parseDocument} from '../../../src/model/parse.js'
import {normalizeText} from '../../../src/normalize/index.js'
import {body, ruleIds} from './normalize-helpers.js'

describe('run-in enumerations', () => {
  it('splits 一要…二要…三要… into paragraphs with a strong lead sentence before the 。', () => {
    expect(body('一要强化理论学习，筑牢信仰之基。要坚持读原著。二要坚定理想信念。要从政治入手。三要牢记宗旨。')).toBe(
      '**一要强化理论学习，筑牢信仰之基**。要坚持读原著。\n\n**二要坚定理想信念**。要从政治入手。\n\n**三要牢记宗旨**。'
    )
  })

  it('splits 一是…二是… after a sentence end', () => {
    expect(body('要做到三点。一是要读经典。多读。二是要读专业。')).toBe(
      '要做到三点。\n\n**一是要读经典**。多读。\n\n**二是要读专业**。'
    )
  })

  it('marks 第一，第二，… that already open paragraphs', () => {
    expect(body('第一，要把读书作为责任。读书学习。\n第二，要把读书作为方法。要坚持。')).toBe(
      '**第一，要把读书作为责任**。读书学习。\n\n**第二，要把读书作为方法**。要坚持。'
    )
  })

  it('keeps 一是…；二是…；三是… inside one sentence as written', () => {
    const text = '一是适应党的自我革命新要求；二是总结纪律建设新经验；三是破解执纪实践新问题。'
    expect(body(text)).toBe(text)
    expect(body(`要读书。${text}`)).toBe(`要读书。${text}`)
  })

  it('needs a run that starts at 一', () => {
    expect(body('二要坚定理想信念。要从政治入手。三要牢记宗旨。')).toBe('二要坚定理想信念。要从政治入手。三要牢记宗旨。')
  })

  it('needs at least two points', () => {
    expect(body('一要强化理论学习。要坚持读原著。')).toBe('一要强化理论学习。要坚持读原著。')
  })

  it('ignores 一要 inside a sentence and inside quotes', () => {
    const text = '统一要求，“做到。二要”等。'
    expect(body(`一要学习。${text}二要实践。`)).toBe(`**一要学习**。${text}\n\n**二要实践**。`)
  })

  it('restarts the run in each section', () => {
    expect(body('一、甲。一要学。二要做。\n二、乙。一要想。二要说。')).toBe(
      '## 一、甲。\n\n**一要学**。\n\n**二要做**。\n\n## 二、乙。\n\n**一要想**。\n\n**二要说**。'
    )
  })

  it('ends the lead sentence at the first 。 outside quotes', () => {
    expect(body('一要用好“学习。强国”平台。后。二要做。')).toBe('**一要用好“学习。强国”平台**。后。\n\n**二要做**。')
  })

  it('reports each split and each lead sentence', () => {
    expect(ruleIds('一要学。二要做。')).toEqual(['lead-sentence', 'run-in-enumeration', 'lead-sentence'])
  })

  it('writes lead sentences that parseDocument reads as leadSentence nodes', () => {
    const {markdown} = normalizeText('一、要聚焦下功夫。一要强化学习，筑牢信仰。要用好“**党建在线”。二要坚定信念。要用好**纪念馆。', {frontMatter: {title: 'T'}})
    const {tree} = parseDocument(markdown, 'x.md')
    const types = tree.children.map((node) => node.type === 'paragraph' ? `p:${node.children.map((child) => child.type).join(',')}` : node.type)
    expect(types).toEqual(['heading', 'p:leadSentence,text', 'p:leadSentence,text'])
    expect(markdown).toContain('“\\*\\*党建在线”')
  })
})
