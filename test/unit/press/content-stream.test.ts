import {describe, expect, it} from 'vitest'
import {parseContent, spliceContent} from '../../../src/press/content-stream.js'

describe('parseContent', () => {
  it('reads operators with their operands: numbers, names, strings, arrays, dicts', () => {
    const operations = parseContent('q 1 0 0 1 -2.5 .5 cm /F1 12 Tf [(a\\)b) -250 <0041>] TJ /P <</MCID 0>> BDC EMC Q')
    expect(operations.map((operation) => operation.operator)).toEqual(['q', 'cm', 'Tf', 'TJ', 'BDC', 'EMC', 'Q'])
    expect(operations[1]?.operands).toEqual([1, 0, 0, 1, -2.5, 0.5].map((value) => ({type: 'number', value})))
    expect(operations[3]?.operands[0]).toEqual({
      type: 'array',
      items: [{type: 'string', bytes: [...'a)b'].map((c) => c.charCodeAt(0))}, {type: 'number', value: -250}, {type: 'string', bytes: [0x00, 0x41]}]
    })
    expect(operations[4]?.operands[1]?.type).toBe('dict')
  })

  it('skips comments and keeps an inline image as one operation', () => {
    const operations = parseContent('% note\nBI /W 1 /H 1 /BPC 8 /CS /G ID \x00EI\x01 EI\n0 g')
    expect(operations.map((operation) => operation.operator)).toEqual(['BI', 'g'])
  })

  it('splices replacements at their offsets and leaves the rest byte for byte', () => {
    const source = 'BT 0 0 0 rg (x) Tj ET 1 0 0 RG'
    const operations = parseContent(source)
    const rg = operations.find((operation) => operation.operator === 'rg')
    expect(rg).toBeDefined()
    expect(spliceContent(source, rg ? [{operation: rg, text: '0 0 0 1 k'}] : [])).toBe('BT 0 0 0 1 k (x) Tj ET 1 0 0 RG')
  })
})
