import {mkdir, mkdtemp, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {lintCommand} from '../../../../src/cli/commands/lint.js'
import type {Reporter} from '../../../../src/cli/report.js'

function capture(): Reporter & {lines: string[]} {
  const lines: string[] = []
  return {lines, out: (line) => lines.push(line), err: (line) => lines.push(line), color: false, githubActions: false}
}

const source = '---\ntitle: T\n---\n\n## 一、要聚焦“甲”下功夫。\n\n正文。\n\n## 二、要聚焦“乙”，下功夫。\n\n正文。\n\n## 三、要聚焦“丙”下功夫。\n\n正文。\n'

async function project(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'paiban-lint-'))
  await writeFile(path.join(root, 'package.json'), '{}\n')
  await mkdir(path.join(root, 'source'))
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(root, name), text)
  return root
}

describe('paiban lint', () => {
  it('passes a normalized text with warnings, printing them', async () => {
    const root = await project({'source/x.md': source})
    const reporter = capture()
    expect(await lintCommand([path.join(root, 'source')], reporter)).toBe(0)
    expect(reporter.lines).toEqual([expect.stringMatching(/x\.md:9:12 {2}warning {2}Unexpected `，` in heading punctuation .* {2}heading-punctuation-mismatch$/u)])
  })

  it('takes the rules switched off in paiban.config.yaml', async () => {
    const root = await project({'source/x.md': source, 'paiban.config.yaml': 'lint:\n  off: [heading-punctuation-mismatch]\n'})
    const reporter = capture()
    expect(await lintCommand([path.join(root, 'source')], reporter)).toBe(0)
    expect(reporter.lines).toEqual([])
  })

  it('fails on a rule id the front matter gets wrong', async () => {
    const root = await project({'source/x.md': source.replace('title: T\n', 'title: T\nlint: {off: [no-such-rule]}\n')})
    const reporter = capture()
    expect(await lintCommand([path.join(root, 'source')], reporter)).toBe(1)
    expect(reporter.lines[0]).toMatch(/x\.md:3:14 {2}error {2}Unexpected rule `no-such-rule` in `lint.off`.* {2}lint-config$/u)
  })
})
