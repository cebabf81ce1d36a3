import {describe, expect, it} from 'vitest'
import {inShard, parseShard} from '../../src/shard.js'

const documents = Array.from({length: 200}, (_, index) => `source/doc-${index}.md`)

describe('shards', () => {
  it('parses i/n and refuses what is not a slice', () => {
    expect(parseShard('2/4')).toEqual({index: 2, count: 4})
    expect(parseShard('0/4')).toBeUndefined()
    expect(parseShard('5/4')).toBeUndefined()
    expect(parseShard('two')).toBeUndefined()
  })

  it('puts every document in exactly one of n shards, roughly evenly', () => {
    const count = 4
    const sizes = Array.from({length: count}, (_, index) => documents.filter((document) => inShard(document, {index: index + 1, count})).length)
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(documents.length)
    for (const document of documents) {
      expect(Array.from({length: count}, (_, index) => inShard(document, {index: index + 1, count})).filter(Boolean)).toHaveLength(1)
    }
    for (const size of sizes) expect(size).toBeGreaterThan(documents.length / count / 2)
  })

  it('keeps a document in its shard when others are added or removed', () => {
    const before = documents.filter((document) => inShard(document, {index: 3, count: 5}))
    const more = [...documents, 'source/new-a.md', 'source/new-b.md'].filter((document) => inShard(document, {index: 3, count: 5}))
    expect(more.filter((document) => documents.includes(document))).toEqual(before)
  })

  it('is the same on Windows paths', () => {
    expect(inShard('source\\a.md', {index: 1, count: 3})).toBe(inShard('source/a.md', {index: 1, count: 3}))
  })
})
