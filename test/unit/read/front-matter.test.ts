import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {frontMatterFields, frontMatterSchema, plainFrontMatter} from '../../../src/read/front-matter.js'

// Mostly what front matter holds (strings, lists of strings), so that many cases pass without the schema.
const value = fc.oneof(
  {weight: 6, arbitrary: fc.string()},
  {weight: 3, arbitrary: fc.array(fc.string(), {maxLength: 3})},
  fc.constant(''),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string(), fc.integer()), {maxLength: 3}),
  fc.dictionary(fc.constantFrom('off', 'press', 'x'), fc.oneof(fc.array(fc.string(), {maxLength: 2}), fc.string(), fc.boolean()), {maxKeys: 2}),
  fc.date({noInvalidDate: true})
)
const key = fc.constantFrom(...frontMatterFields, 'lint', 'press', 'colour')

describe('front matter', () => {
  it('lists the schema’s fields, less lint and press', () => {
    expect(frontMatterFields).toEqual(Object.keys(frontMatterSchema().shape).filter((field) => field !== 'lint' && field !== 'press'))
  })

  it('accepts without zod only what the schema accepts, and gives what the schema gives', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, {maxKeys: 6}), fc.string({minLength: 1}), fc.boolean(), (data, title, withTitle) => {
        const input: Record<string, unknown> = withTitle ? {...data, title} : data
        const plain = plainFrontMatter(input)
        if (plain === undefined) return
        const checked = frontMatterSchema().safeParse(input)
        expect(checked.success).toBe(true)
        expect(plain).toStrictEqual(checked.data)
      }),
      {numRuns: 2000}
    )
  })

  it('passes front matter as texts have it without the schema', () => {
    expect(plainFrontMatter({title: '书', subtitle: '学习读本', date: '2023-06', keywords: ['甲', '乙'], lint: {off: ['x']}, press: {press: true}})).toEqual({
      title: '书', subtitle: '学习读本', date: '2023-06', keywords: ['甲', '乙'], lang: 'zh-CN', lint: {off: ['x']}, press: {press: true}
    })
    expect(plainFrontMatter({title: ''})).toBeUndefined()
    expect(plainFrontMatter({title: '书', colour: 'red'})).toBeUndefined()
  })
})
