import {describe, expect, it} from 'vitest'
import {pureBlackContent} from '../../../src/press/pure-black.js'

const families = (name: string): 'rgb' | 'gray' | 'cmyk' | 'other' =>
  ({DeviceRGB: 'rgb', DeviceGray: 'gray', DeviceCMYK: 'cmyk', CS0: 'rgb'} as const)[name as 'DeviceRGB'] ?? 'other'

describe('pureBlackContent', () => {
  it('turns RGB and grey black into 100 K, fill and stroke, and leaves other colours', () => {
    const result = pureBlackContent('0 0 0 RG 0 0 0 rg BT (x) Tj ET 0.5 0.5 0.5 rg 0 g 0 G 1 0 0 rg', families, 'form')
    expect(result.content).toBe('0 0 0 1 K 0 0 0 1 k BT (x) Tj ET 0.5 0.5 0.5 rg 0 0 0 1 k 0 0 0 1 K 1 0 0 rg')
    expect(result.changed).toBe(4)
  })

  it('gives a page a K-only initial colour, since a page starts in grey black', () => {
    expect(pureBlackContent('BT (x) Tj ET', families, 'page').content).toBe('0 0 0 1 k 0 0 0 1 K\nBT (x) Tj ET')
  })

  it('rewrites black set through a colour space resource, and re-establishes the space for the next colour', () => {
    const result = pureBlackContent('/CS0 cs 0 0 0 scn (a) Tj 0.2 0.4 0.6 scn (b) Tj', families, 'form')
    expect(result.content).toBe('/CS0 cs 0 0 0 1 k (a) Tj /CS0 cs 0.2 0.4 0.6 scn (b) Tj')
  })

  it('restores the colour space state with Q', () => {
    const result = pureBlackContent('/CS0 cs q 0 0 0 scn Q 0.1 0.1 0.1 scn', families, 'form')
    expect(result.content).toBe('/CS0 cs q 0 0 0 1 k Q 0.1 0.1 0.1 scn')
  })
})
