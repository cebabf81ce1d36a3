import {describe, expect, it} from 'vitest'
import {epochOfDate, formatDate} from '../../../src/model/date.js'

describe('dates', () => {
  it.each([
    ['2023-06', '2023年6月'],
    ['2026-03-25', '2026年3月25日'],
    ['2024', '2024年'],
    ['二〇二三年六月', '二〇二三年六月']
  ])('formats %s as %s', (input, expected) => {
    expect(formatDate(input)).toBe(expected)
  })

  it('turns a front matter date into seconds at UTC midnight', () => {
    expect(epochOfDate('2023-06')).toBe(Date.UTC(2023, 5, 1) / 1000)
    expect(epochOfDate('someday')).toBeUndefined()
  })
})
