import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {PaibanError} from '../../../src/errors.js'
import {parseTemplate} from '../../../src/template/parse.js'
import {paibanErrorOf} from '../../helpers/errors.js'
import {projectRoot} from '../../helpers/template.js'

const booklet = path.join(projectRoot, 'templates/booklet/template.yaml')

const failure = (text: string): PaibanError => paibanErrorOf(() => parseTemplate(text, 'my.yaml'))

describe('headings[].startOn', () => {
  it('defaults to any, and takes right on the first level', async () => {
    const text = await readFile(booklet, 'utf8')
    expect(parseTemplate(text, 'my.yaml').headings[0]?.startOn).toBe('any')
    const recto = text.replace('pageBreakBefore: true,', 'pageBreakBefore: true, startOn: right,')
    expect(parseTemplate(recto, 'my.yaml').headings[0]?.startOn).toBe('right')
  })

  it('is refused on deeper levels and on one-sided pages', async () => {
    const text = await readFile(booklet, 'utf8')
    const deeper = failure(text.replace('wordStyle: heading 2}', 'wordStyle: heading 2, startOn: right}'))
    expect(deeper.code).toBe('E_TEMPLATE')
    expect(deeper.message).toContain('headings.1.startOn')
    const oneSided = text.replace('pageBreakBefore: true,', 'pageBreakBefore: true, startOn: right,').replace('twoSided: true', 'twoSided: false')
    expect(failure(oneSided).message).toContain('page.twoSided')
    expect(failure(text.replace('pageBreakBefore: true,', 'pageBreakBefore: true, startOn: left,')).message).toContain('headings.0.startOn')
  })
})
