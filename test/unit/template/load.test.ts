import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {PaibanError} from '../../../src/errors.js'
import {loadTemplate, parseTemplate, templateDirectory} from '../../../src/template/load.js'
import {resolveTemplate} from '../../../src/template/resolve.js'
import {projectRoot} from '../../helpers/template.js'

const bookletFile = path.join(projectRoot, 'templates/booklet/template.yaml')

function thrown(action: () => unknown): PaibanError {
  try {
    action()
  } catch (error) {
    if (error instanceof PaibanError) return error
    throw error
  }
  throw new Error('expected an error')
}

describe('templates', () => {
  it('loads the booklet: A5, 五号 body resolved to 10.5 pt, fonts found on disk', async () => {
    const directory = templateDirectory('booklet', projectRoot)
    const template = resolveTemplate(await loadTemplate(directory), directory)
    expect(template.page).toMatchObject({widthMm: 148, heightMm: 210})
    expect(template.body.sizePt).toBe(10.5)
    expect(template.headings[0]?.font.family).toBe('Noto Sans SC')
    expect(template.fonts.every((font) => font.sources.every((source) => source.cssFile ?? source.fontFile))).toBe(true)
  })

  it('names an unknown template and lists the built-in ones', async () => {
    const error = await loadTemplate(templateDirectory('nosuch', projectRoot)).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(PaibanError)
    expect((error as PaibanError).message).toContain('nosuch')
    expect((error as PaibanError).hint).toContain('booklet')
  })

  it('points an invalid field at its line and column in the YAML', async () => {
    const text = (await readFile(bookletFile, 'utf8')).replace('size: 五号', 'size: 大号')
    const error = thrown(() => parseTemplate(text, 'my.yaml'))
    expect(error.message).toContain('body.size')
    const line = text.split('\n').findIndex((row) => row.includes('size: 大号')) + 1
    expect(error.place).toBe(`my.yaml:${line}:9`)
  })

  it('rejects a font role that names no declared font', async () => {
    const text = (await readFile(bookletFile, 'utf8')).replace('lead: {font: hei', 'lead: {font: kai')
    expect(thrown(() => parseTemplate(text, 'my.yaml')).message).toContain('unknown font `kai`')
  })

  it('reports YAML syntax errors with a position', () => {
    const error = thrown(() => parseTemplate('name: x\npage: [\n', 't.yaml'))
    expect(error.place).toMatch(/^t\.yaml:\d+:\d+$/)
  })

  it('fails naming a font package that is not installed', async () => {
    const text = (await readFile(bookletFile, 'utf8')).replace("'@fontsource/noto-sans-sc'", "'@fontsource/no-such-font'")
    const template = parseTemplate(text, bookletFile)
    expect(() => resolveTemplate(template, path.dirname(bookletFile))).toThrowError(/Noto Sans SC.*not found/)
  })
})
