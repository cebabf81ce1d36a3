import {describe, expect, it} from 'vitest'
import * as paiban from '../../src/index.js'

describe('the public API', () => {
  it('exports these names, and no others', () => {
    expect(Object.keys(paiban).sort()).toEqual(
      [
        'PaibanError',
        'buildBook',
        'checkDocx',
        'checkPdf',
        'decodeText',
        'lintText',
        'loadTemplate',
        'normalizeText',
        'outputFormats',
        'parseDocument',
        'readSource',
        'resolveTemplate',
        'templateDirectory',
        'watchProject'
      ].sort()
    )
  })
})
