import {execFile, spawn} from 'node:child_process'
import {mkdir, mkdtemp, readdir, readFile, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {strFromU8, unzipSync} from 'fflate'
import {beforeAll, describe, expect, it} from 'vitest'
import {version} from '../../src/version.js'
import {pdfText} from '../helpers/pdf.js'
import {projectRoot} from '../helpers/template.js'

/**
 * The command as installed: package.json's `bin`, the bundle that
 * `npm run prepare` makes (scripts/bundle.mjs), run by Node in a process of
 * its own. The other suites run the sources; this one holds the bundle to
 * the same outputs, the Word writer's worker included.
 */
const run = promisify(execFile)
let command: string
let project: string

beforeAll(async () => {
  const manifest = JSON.parse(await readFile(path.join(projectRoot, 'package.json'), 'utf8')) as {bin: Record<string, string>}
  command = path.join(projectRoot, manifest.bin['paiban'] ?? '')
  project = await mkdtemp(path.join(os.tmpdir(), 'paiban-bundle-'))
  await mkdir(path.join(project, 'source'))
  await writeFile(path.join(project, 'source/notice.md'), '---\ntitle: 关于开展学习活动的通知\n---\n\n## 一、学习内容\n\n认真学习有关文件精神。\n\n## 二、工作要求\n\n各单位要结合实际，抓好落实。\n')
})

describe('the bundled command', () => {
  it('is the package’s bin and tells its version', async () => {
    expect(command).toMatch(/dist\/bundle\/paiban\.js$/)
    const {stdout} = await run(process.execPath, [command, '--version'])
    expect(stdout.trim()).toBe(version)
  })

  it('builds the PDF, the Word copy and the web page of a text', async () => {
    const {stdout} = await run(process.execPath, [command, 'build', '--force'], {cwd: project, env: {...process.env, NO_COLOR: '1'}})
    expect(stdout).toContain('1 built')
    const text = (await pdfText(path.join(project, 'output/notice.pdf'))).replace(/\s+/g, '')
    expect(text).toContain('认真学习有关文件精神。')
    expect(text).toContain('目录')
    const docx = unzipSync(new Uint8Array(await readFile(path.join(project, 'output/notice.docx'))))
    expect(strFromU8(docx['word/document.xml'] ?? new Uint8Array())).toContain('各单位要结合实际，抓好落实。')
    expect(await readFile(path.join(project, 'output/notice.html'), 'utf8')).toContain('二、工作要求')
  })

  it('leaves none of its browser’s folders in the temporary folder, built or interrupted', async () => {
    // Chromium's profile (paiban-chromium-*) and its singleton socket's folder (org.chromium.*), in a TMPDIR of their own.
    const browserFolders = async (tmp: string): Promise<string[]> => (await readdir(tmp)).filter((name) => /^(paiban-chromium-|org\.chromium\.)/.test(name))
    const built = await mkdtemp(path.join(os.tmpdir(), 'paiban-tmp-'))
    await run(process.execPath, [command, 'build', '--force', '--format', 'pdf', '--out', 'built'], {cwd: project, env: {...process.env, TMPDIR: built}})
    expect(await browserFolders(built)).toEqual([])

    // Ctrl-C while the browser runs: it ends, its folders go, and the command exits 130.
    const interrupted = await mkdtemp(path.join(os.tmpdir(), 'paiban-tmp-'))
    const child = spawn(process.execPath, [command, 'build', '--force', '--format', 'pdf', '--out', 'interrupted'], {cwd: project, env: {...process.env, TMPDIR: interrupted}, stdio: 'ignore'})
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    while ((await browserFolders(interrupted)).length < 2) await new Promise((resolve) => setTimeout(resolve, 20))
    child.kill('SIGINT')
    expect(await exited).toBe(130)
    expect(await browserFolders(interrupted)).toEqual([])
  })
})
