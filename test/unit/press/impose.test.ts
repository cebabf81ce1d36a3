import {describe, expect, it} from 'vitest'
import {creepShiftMm, saddleOrder} from '../../../src/press/impose.js'

/** 1-based page numbers per side, 0 for a blank. */
function sides(pageCount: number): Array<[number, number]> {
  return saddleOrder(pageCount).map((side) => [(side.left ?? -1) + 1, (side.right ?? -1) + 1])
}

describe('saddleOrder', () => {
  it('nests 8 pages as [8|1] [2|7] [6|3] [4|5]', () => {
    expect(sides(8)).toEqual([[8, 1], [2, 7], [6, 3], [4, 5]])
  })

  it('pads to a multiple of 4 with blanks at the end', () => {
    expect(sides(10)).toEqual([[0, 1], [2, 0], [10, 3], [4, 9], [8, 5], [6, 7]])
    expect(sides(1)).toEqual([[0, 1], [0, 0]])
  })

  it('puts every page exactly once', () => {
    for (const count of [4, 5, 17, 64]) {
      const placed = saddleOrder(count).flatMap((side) => [side.left, side.right]).filter((page) => page !== undefined)
      expect(placed.sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({length: count}, (_, index) => index))
    }
  })
})

describe('creepShiftMm', () => {
  it('moves the innermost sheet by the full creep, the outermost not at all, linearly between', () => {
    expect([0, 1, 2, 3].map((index) => creepShiftMm(index, 4, 0.9))).toEqual([0, 0.3, 0.6, 0.9].map((value) => expect.closeTo(value, 10)))
    expect(creepShiftMm(0, 1, 2)).toBe(0)
  })
})
