import {access, mkdir, mkdtemp, readFile, stat, utimes, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {beforeEach, describe, expect, it} from 'vitest'
import {copyPlannedAssets, copyWebAssets, planWebAssets} from '../../../../src/write/html/assets.js'

let project: string
let outDir: string
const copy = (from: string, to: string) => copyWebAssets([{from: path.join(project, from), to}], {projectRoot: project, outDir, place: 'a.md'})

beforeEach(async () => {
  project = await mkdtemp(path.join(os.tmpdir(), 'paiban-assets-'))
  outDir = path.join(project, 'output')
  await mkdir(path.join(project, 'source'))
  await writeFile(path.join(project, 'source/figure.png'), 'first')
})

describe('copyWebAssets', () => {
  it('copies an image beside the page, with its source’s modification time', async () => {
    await copy('source/figure.png', 'a.assets/figure.png')
    const target = path.join(outDir, 'a.assets/figure.png')
    expect(await readFile(target, 'utf8')).toBe('first')
    expect((await stat(target)).mtimeMs).toBeCloseTo((await stat(path.join(project, 'source/figure.png'))).mtimeMs, 0)
  })

  it('keeps a copy whose size and time match, and copies again when either differs', async () => {
    const source = path.join(project, 'source/figure.png')
    const target = path.join(outDir, 'a.assets/figure.png')
    await copy('source/figure.png', 'a.assets/figure.png')
    // A copy that matches is not touched (a marker written into it, same size and time, stays).
    const {mtime} = await stat(target)
    await writeFile(target, 'marks')
    await utimes(target, mtime, mtime)
    await copy('source/figure.png', 'a.assets/figure.png')
    expect(await readFile(target, 'utf8')).toBe('marks')
    // The same size, an older time (a file put back from elsewhere): copied.
    await utimes(source, new Date(2020, 0, 1), new Date(2020, 0, 1))
    await copy('source/figure.png', 'a.assets/figure.png')
    expect(await readFile(target, 'utf8')).toBe('first')
    // Another size: copied.
    await writeFile(source, 'second, longer')
    await copy('source/figure.png', 'a.assets/figure.png')
    expect(await readFile(target, 'utf8')).toBe('second, longer')
  })

  it('refuses an image outside the project, naming the text', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'paiban-outside-'))
    await writeFile(path.join(outside, 'x.png'), 'x')
    await expect(copyWebAssets([{from: path.join(outside, 'x.png'), to: 'a.assets/x.png'}], {projectRoot: project, outDir, place: 'a.md'})).rejects.toMatchObject({
      code: 'E_RESOURCE_BLOCKED',
      place: 'a.md'
    })
  })
})

describe('planWebAssets', () => {
  it('decides what to copy without writing anything; copyPlannedAssets makes those copies', async () => {
    await copy('source/figure.png', 'a.assets/figure.png')
    await writeFile(path.join(project, 'source/other.png'), 'other')
    const assets = ['figure.png', 'other.png'].map((name) => ({from: path.join(project, 'source', name), to: `b.assets/${name}`}))
    const plan = await planWebAssets([{from: path.join(project, 'source/figure.png'), to: 'a.assets/figure.png'}, ...assets], {projectRoot: project, outDir, place: 'b.md'})
    // The copy already there is kept; the two new ones are planned, and not yet made.
    expect(plan.copies.map((planned) => path.relative(outDir, planned.target)).sort()).toEqual(['b.assets/figure.png', 'b.assets/other.png'])
    await expect(access(path.join(outDir, 'b.assets'))).rejects.toMatchObject({code: 'ENOENT'})
    await copyPlannedAssets(plan)
    expect(await readFile(path.join(outDir, 'b.assets/other.png'), 'utf8')).toBe('other')
    expect((await stat(path.join(outDir, 'b.assets/other.png'))).mtimeMs).toBeCloseTo((await stat(path.join(project, 'source/other.png'))).mtimeMs, 0)
  })
})
