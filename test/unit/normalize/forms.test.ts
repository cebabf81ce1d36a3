import {describe, expect, it} from 'vitest'
import {fixCircleZero, fixDashes, fixFullWidthAlphanumerics, fixMiddleDots} from '../../../src/normalize/forms.js'
import {applyRule, body, ruleIds} from './normalize-helpers.js'

describe('full-width letters and digits', () => {
  it.each([
    ['于２０２６年４月开展', '于2026年4月开展'],
    ['采用Ａ５幅面', '采用A5幅面'],
    ['合格率９８．５％以上', '合格率98.5%以上'],
    ['ｗｏｒｄ文档', 'word文档']
  ])('%s → %s', (input, expected) => {
    expect(applyRule(fixFullWidthAlphanumerics, input)).toBe(expected)
  })

  it('keeps the full-width ． of 1． numbering and the ％ of a word', () => {
    expect(applyRule(fixFullWidthAlphanumerics, '１．总结阶段')).toBe('1．总结阶段')
    expect(applyRule(fixFullWidthAlphanumerics, '百分号％')).toBe('百分号％')
  })

  it('reports a run of them once', () => {
    expect(ruleIds('于２０２６年')).toEqual(['fullwidth-alphanumeric'])
  })
})

describe('dashes', () => {
  it.each([
    ['标题层次是否清楚--这是问题最多的环节', '标题层次是否清楚——这是问题最多的环节'],
    ['清楚 -- 这是', '清楚 —— 这是'],
    ['清楚――这是', '清楚——这是'],
    ['清楚──这是', '清楚——这是'],
    ['清楚－－这是', '清楚——这是'],
    ['清楚⸺这是', '清楚——这是']
  ])('%s → %s', (input, expected) => {
    expect(applyRule(fixDashes, input)).toBe(expected)
  })

  it.each([
    ['a dash already right', '清楚——这是'],
    ['a single — (一字线)', '北京—上海特别旅客快车'],
    ['a command-line option', '请使用--force参数'],
    ['a Latin dash', 'wait -- really'],
    ['a long rule', '甲————乙'],
    ['a date range', '2023--2024年'],
    ['code', '运行`a --b`命令']
  ])('keeps %s', (_name, input) => {
    expect(applyRule(fixDashes, input)).toBe(input)
  })

  it('leaves no space around the dash once it is full-width', () => {
    expect(body('清楚 -- 这是')).toBe('清楚——这是')
  })
})

describe('middle dots', () => {
  it.each([
    ['卡尔・马克思', '卡尔·马克思'],
    ['《三国志･蜀书》', '《三国志·蜀书》'],
    ['列夫‧托尔斯泰', '列夫·托尔斯泰'],
    ['一二•九运动', '一二·九运动']
  ])('%s → %s', (input, expected) => {
    expect(applyRule(fixMiddleDots, input)).toBe(expected)
  })

  it('keeps a bullet that is not between Han characters', () => {
    expect(applyRule(fixMiddleDots, '• 项目')).toBe('• 项目')
    expect(applyRule(fixMiddleDots, 'A・B')).toBe('A・B')
  })
})

describe('zero in a year', () => {
  it.each([
    ['二○二六年三月', '二〇二六年三月'],
    ['二O二六年', '二〇二六年'],
    ['二零二六年', '二〇二六年'],
    ['二○○八年', '二〇〇八年']
  ])('%s → %s', (input, expected) => {
    expect(applyRule(fixCircleZero, input)).toBe(expected)
  })

  it.each([
    ['a year already right', '二〇二六年'],
    ['a number with 零', '三千零五人'],
    ['a circle elsewhere', '○表示合格'],
    ['Arabic digits', '2026年']
  ])('keeps %s', (_name, input) => {
    expect(applyRule(fixCircleZero, input)).toBe(input)
  })
})
