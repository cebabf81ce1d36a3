import {mkdir, mkdtemp, readFile, stat, utimes, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {beforeEach, describe, expect, it} from 'vitest'
import {copyWebAssets} from '../../../../src/write/html/assets.js'

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
