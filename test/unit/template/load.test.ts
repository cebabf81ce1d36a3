import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {PaibanError} from '../../../src/errors.js'
import {loadTemplate, templateDirectory, validatorModules} from '../../../src/template/load.js'
import {parseTemplate} from '../../../src/template/parse.js'
import {resolveTemplate} from '../../../src/template/resolve.js'
import {paibanErrorOf} from '../../helpers/errors.js'
import {projectRoot} from '../../helpers/template.js'

const bookletFile = path.join(projectRoot, 'templates/booklet/template.yaml')

const thrown = paibanErrorOf

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

  it('loads gongwen: the GB/T 9704 grid of 22 lines × 28 characters in a 156 × 225 mm type area', async () => {
    const directory = templateDirectory('gongwen', projectRoot)
    const template = resolveTemplate(await loadTemplate(directory), directory)
    expect(template.page.heightMm - template.page.margin.topMm - template.page.margin.bottomMm).toBe(225)
    expect(template.page.widthMm - template.page.margin.insideMm - template.page.margin.outsideMm).toBe(156)
    // 156 mm / 28 = 15.79 pt a character; (225 mm − 1.2 × 16 pt) / 21 = 29.46 pt a line.
    expect(template.grid?.charPitchPt).toBeCloseTo(15.793, 3)
    expect(template.grid?.linePitchPt).toBeCloseTo(29.457, 3)
    // On the grid every style's line takes one pitch, whatever its size.
    expect(template.body.sizePt * template.body.lineHeight).toBeCloseTo(29.457, 3)
    expect(template.cover.title.sizePt * template.cover.title.lineHeight).toBeCloseTo(29.457, 3)
    expect(template.headings.map((heading) => heading.runIn)).toEqual([false, true, true, true])
    expect(template.pageNumber).toMatchObject({distanceMm: 7, indentChars: 1, sizePt: 14, align: 'outside'})
  })

  it('uses a declared substitute when the font files are missing, and says so', async () => {
    const directory = templateDirectory('gongwen', projectRoot)
    const template = resolveTemplate(await loadTemplate(directory), directory)
    const fangsong = template.fonts.find((font) => font.key === 'fangsong')
    expect(fangsong).toMatchObject({family: 'Noto Serif SC', weights: [300], word: {eastAsia: '仿宋_GB2312', altName: '仿宋'}})
    expect(fangsong?.substituted?.wanted).toBe('FangSong_GB2312')
    expect(template.warnings).toHaveLength(3)
    expect(template.warnings[0]).toMatch(/FangSong_GB2312 is not available .*FangSong_GB2312\.ttf.*substitute Noto Serif SC.*fonts\.fangsong\.files/)
    // Three roles load Noto Serif SC faces (仿宋, 小标宋 and 宋 substitutes): each gets a CSS family of its own.
    const cssFamilies = template.fonts.filter((font) => font.family === 'Noto Serif SC').map((font) => font.cssFamily)
    expect(cssFamilies).toEqual(['Noto Serif SC fangsong', 'Noto Serif SC xiaobiaosong', 'Noto Serif SC song'])
    expect(template.fonts.find((font) => font.key === 'hei')?.cssFamily).toBe('Noto Sans SC')
  })

  it('uses the font files a template points at when they are there, without a warning', async () => {
    const text = (await readFile(path.join(projectRoot, 'templates/gongwen/template.yaml'), 'utf8')).replace(
      "files: {'400': fonts/FangSong_GB2312.ttf}",
      "files: {'400': /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf}"
    )
    const directory = templateDirectory('gongwen', projectRoot)
    const template = resolveTemplate(parseTemplate(text, 'gongwen.yaml'), directory)
    const fangsong = template.fonts.find((font) => font.key === 'fangsong')
    expect(fangsong).toMatchObject({family: 'FangSong_GB2312', substituted: undefined})
    expect(fangsong?.sources).toEqual([{weight: 400, fontFile: '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf'}])
    expect(template.warnings).toHaveLength(2)
  })

  it('loads handout: A4, one-sided, no cover or 目录, no grid', async () => {
    const directory = templateDirectory('handout', projectRoot)
    const template = resolveTemplate(await loadTemplate(directory), directory)
    expect(template.page).toMatchObject({widthMm: 210, heightMm: 297, twoSided: false})
    expect(template.cover.show || template.toc.show).toBe(false)
    expect(template.grid).toBeUndefined()
    expect(template.warnings).toEqual([])
  })

  it('gives a template kept from an earlier validation exactly as validating it gives it', async () => {
    for (const name of ['booklet', 'gongwen', 'handout']) {
      const directory = templateDirectory(name, projectRoot)
      const file = path.join(directory, 'template.yaml')
      await loadTemplate(directory)
      // The second load reads what the first kept.
      expect(await loadTemplate(directory)).toStrictEqual(parseTemplate(await readFile(file, 'utf8'), file))
    }
  })

  it('validates a template again when its text changes, and never keeps an invalid one', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'paiban-template-'))
    try {
      const file = path.join(directory, 'template.yaml')
      const text = await readFile(bookletFile, 'utf8')
      await writeFile(file, text)
      expect((await loadTemplate(directory)).body.size).toBe('五号')
      await writeFile(file, text.replace('size: 五号', 'size: 小四'))
      expect((await loadTemplate(directory)).body.size).toBe('小四')
      await writeFile(file, text.replace('size: 五号', 'size: 大号'))
      for (let attempt = 0; attempt < 2; attempt++) {
        const error = await loadTemplate(directory).catch((caught: unknown) => caught)
        expect((error as PaibanError).message).toContain('body.size')
      }
    } finally {
      await rm(directory, {recursive: true, force: true})
    }
  })

  it('keys kept templates by every module of paiban that validation runs', async () => {
    const sourceRoot = path.join(projectRoot, 'src')
    const closure = new Set<string>()
    const visit = async (name: string): Promise<void> => {
      if (closure.has(name)) return
      closure.add(name)
      const source = await readFile(path.join(sourceRoot, `${name}.ts`), 'utf8')
      for (const [, specifier] of source.matchAll(/^import (?!type )[^'\n]*'(\.{1,2}\/[^']+)\.js'/gm)) {
        await visit(path.posix.join(path.posix.dirname(name), specifier ?? ''))
      }
    }
    await visit('template/parse')
    expect([...closure].sort()).toEqual([...validatorModules].sort())
  })
})
