import {describe, expect, it} from 'vitest'
import {blanksNeeded} from '../../../../src/write/pdf/index.js'

/** Heading targets from 0-based page indexes of the body's first print. */
function targets(pages: Record<string, number>): Map<string, {pageIndex: number; top: undefined}> {
  return new Map(Object.entries(pages).map(([id, pageIndex]) => [id, {pageIndex, top: undefined}]))
}

describe('blanksNeeded', () => {
  it('asks for a blank page before each section that would start on a left page, counting the blanks before it', () => {
    // Pages 1 2 3 …: a starts on page 2 (left) → blank, a moves to 3; b on 4 → 5 (right), no blank;
    // c on 5 → 6 (left) → blank, c moves to 7.
    expect(blanksNeeded(targets({a: 1, b: 3, c: 4}), ['a', 'b', 'c'])).toEqual(['a', 'c'])
  })

  it('asks for nothing when every section already starts on a right page', () => {
    expect(blanksNeeded(targets({a: 0, b: 2, c: 6}), ['a', 'b', 'c'])).toEqual([])
  })
})
