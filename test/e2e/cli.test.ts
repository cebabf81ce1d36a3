import {mkdtemp, mkdir, readFile, stat, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {version} from '../../src/version.js'
import {runCli as run} from '../helpers/cli.js'

const good = '---\ntitle: 测试文档\n---\n\n## 一、第一部分\n\n正文第一段。\n'
let project: string

beforeAll(async () => {
  project = await mkdtemp(path.join(os.tmpdir(), 'paiban-cli-'))
  await mkdir(path.join(project, 'source'))
})

describe('paiban CLI', () => {
  it('prints its version and help with exit 0', async () => {
    expect(await run(['--version'])).toMatchObject({code: 0, out: version})
    const help = await run(['--help'])
    expect(help.code).toBe(0)
    expect(help.out).toMatch(/build[\s\S]*normalize[\s\S]*lint/)
  })

  it('exits 2 on a usage error', async () => {
    expect((await run(['frobnicate'])).code).toBe(2)
    const result = await run(['build', '--format', 'epub'], project)
    expect(result.code).toBe(2)
    expect(result.err).toContain('Unknown format `epub`')
  })

  it('exits 2 on a bad press flag, before building anything', async () => {
    const result = await run(['build', '--press', '--bleed', 'wide'], project)
    expect(result.code).toBe(2)
    expect(result.err).toContain('bleedMm')
  })

  it('exits 2 naming an unknown template and the ones there are', async () => {
    await writeFile(path.join(project, 'source/a.md'), good)
    const result = await run(['build', 'source/a.md', '--template', 'nosuch', '--format', 'html'], project)
    expect(result.code).toBe(2)
    expect(result.err).toContain('Unknown template `nosuch`')
    expect(result.err).toContain('booklet')
  })

  it('builds HTML without starting a browser and reports the output with its time', async () => {
    await writeFile(path.join(project, 'source/a.md'), good)
    const result = await run(['build', 'source/a.md', '--format', 'html', '--force'], project)
    expect(result.code, result.err).toBe(0)
    expect(result.out).toContain('✓ output/a.html')
    const time = String.raw`(\d+ ms|\d+\.\d\d s)`
    expect(result.out).toMatch(new RegExp(String.raw`source/a\.md {2}read ${time} · model ${time} · html ${time} · write ${time} {2}total ${time}`))
    expect(result.out).toMatch(/1 document: 1 built, 0 unchanged, 0 failed/)
    expect(await readFile(path.join(project, 'output/a.html'), 'utf8')).toContain('正文第一段。')
  })

  it('skips an unchanged document, and rebuilds it with --force', async () => {
    await writeFile(path.join(project, 'source/c.md'), good)
    expect((await run(['build', 'source/c.md', '--format', 'html'], project)).code).toBe(0)
    expect((await run(['build', 'source/c.md', '--format', 'html'], project)).out).toContain('unchanged, skipped')
    expect((await run(['build', 'source/c.md', '--format', 'html', '--force'], project)).out).toContain('c.html')
  })

  it('fails on front matter that does not parse, with file:line:column, and keeps the last good output', async () => {
    const file = path.join(project, 'source/b.md')
    await writeFile(file, good)
    expect((await run(['build', 'source/b.md', '--format', 'html'], project)).code).toBe(0)
    const output = path.join(project, 'output/b.html')
    const before = await readFile(output, 'utf8')
    const modified = (await stat(output)).mtimeMs
    await writeFile(file, '---\ntitle: 测试\nsubtitle: [未闭合\n---\n\n正文。\n')
    const result = await run(['build', 'source/b.md', '--format', 'html'], project)
    expect(result.code).toBe(1)
    expect(result.err).toMatch(/source\/b\.md:\d+:\d+\s+error\s+Front matter does not parse/)
    expect(result.err).not.toMatch(/\n\s+at /)
    expect(await readFile(output, 'utf8')).toBe(before)
    expect((await stat(output)).mtimeMs).toBe(modified)
  })

  it('fails on an empty file and on a binary file, naming them', async () => {
    await writeFile(path.join(project, 'source/empty.md'), '')
    const empty = await run(['build', 'source/empty.md', '--format', 'html'], project)
    expect(empty.code).toBe(1)
    expect(empty.err).toContain('empty.md')
    await writeFile(path.join(project, 'source/binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe, 0]))
    const binary = await run(['build', 'source/binary.md', '--format', 'html'], project)
    expect(binary.code).toBe(1)
    expect(binary.err).toContain('binary.md')
    expect(binary.err).toMatch(/byte|binary/i)
  })

  it('fails when a character is in none of the template’s fonts, naming it and its place', async () => {
    await writeFile(path.join(project, 'source/glyph.md'), '---\ntitle: 字\n---\n\n第一行。\n\n有\u{10FFFD}字。\n')
    const result = await run(['build', 'source/glyph.md', '--format', 'html'], project)
    expect(result.code).toBe(1)
    expect(result.err).toMatch(/source\/glyph\.md:7:2 .*U\+10FFFD/)
  })
})
