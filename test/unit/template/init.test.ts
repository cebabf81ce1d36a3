import {mkdir, mkdtemp, readFile, readdir, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {buildBook} from '../../../src/build.js'
import {main} from '../../../src/cli/main.js'
import type {Reporter} from '../../../src/cli/report.js'
import {loadTemplate} from '../../../src/template/load.js'
import {resolveTemplate} from '../../../src/template/resolve.js'

async function run(argv: string[], cwd: string): Promise<{code: number; out: string; err: string}> {
  const out: string[] = []
  const err: string[] = []
  const reporter: Reporter = {out: (line) => out.push(line), err: (line) => err.push(line), color: false, githubActions: false}
  const previous = process.cwd()
  process.chdir(cwd)
  try {
    return {code: await main(argv, reporter), out: out.join('\n'), err: err.join('\n')}
  } finally {
    process.chdir(previous)
  }
}

describe('paiban init-template', () => {
  it('copies a built-in template into templates/NAME, renamed, and it loads as a template', async () => {
    const project = await mkdtemp(path.join(os.tmpdir(), 'paiban-init-'))
    const result = await run(['init-template', 'mine', '--from', 'gongwen'], project)
    expect(result).toMatchObject({code: 0})
    expect(result.out).toContain('templates/mine')
    const directory = path.join(project, 'templates/mine')
    expect(await readdir(directory)).toContain('template.yaml')
    const template = await loadTemplate(directory)
    expect(template.name).toBe('mine')
    expect(template.grid).toEqual({linesPerPage: 22, charsPerLine: 28})
    // Font packages still resolve from paiban's own installation.
    expect(resolveTemplate(template, directory).fonts.every((font) => font.sources.length > 0)).toBe(true)
  })

  it('starts from the booklet by default and from a folder with --from ./path', async () => {
    const project = await mkdtemp(path.join(os.tmpdir(), 'paiban-init-'))
    expect((await run(['init-template', 'first'], project)).code).toBe(0)
    expect((await loadTemplate(path.join(project, 'templates/first'))).page.widthMm).toBe(148)
    const yaml = path.join(project, 'templates/first/template.yaml')
    await writeFile(yaml, (await readFile(yaml, 'utf8')).replace('widthMm: 148', 'widthMm: 140'))
    expect((await run(['init-template', 'second', '--from', './templates/first'], project)).code).toBe(0)
    const second = await loadTemplate(path.join(project, 'templates/second'))
    expect([second.name, second.page.widthMm]).toEqual(['second', 140])
  })

  it('refuses to overwrite a folder, an unknown template or a bad name, with exit 2', async () => {
    const project = await mkdtemp(path.join(os.tmpdir(), 'paiban-init-'))
    expect((await run(['init-template', 'mine'], project)).code).toBe(0)
    const again = await run(['init-template', 'mine'], project)
    expect(again.code).toBe(2)
    expect(again.err).toContain('already exists')
    const unknown = await run(['init-template', 'other', '--from', 'nosuch'], project)
    expect(unknown.code).toBe(2)
    expect(unknown.err).toMatch(/Unknown template `nosuch`[\s\S]*booklet/)
    expect((await run(['init-template', 'Bad Name'], project)).code).toBe(2)
  })

  it('is picked by a document’s front matter, relative to the document', async () => {
    const project = await mkdtemp(path.join(os.tmpdir(), 'paiban-init-'))
    expect((await run(['init-template', 'mine', '--from', 'handout'], project)).code).toBe(0)
    await mkdir(path.join(project, 'source'))
    await writeFile(path.join(project, 'source/x.md'), '---\ntitle: 通知\ntemplate: ../templates/mine\n---\n\n正文。\n')
    const result = await buildBook({projectRoot: project, outDir: 'output', formats: ['docx'], force: true})
    expect(result.failed).toBe(0)
    const manifest = JSON.parse(await readFile(path.join(project, 'output/manifest.json'), 'utf8')) as {documents: Array<{template: string}>}
    expect(manifest.documents.map((entry) => entry.template)).toEqual(['mine'])
  })
})
