import {readdir, stat} from 'node:fs/promises'
import path from 'node:path'
import {decodeText} from '../../read/decode.js'
import {readSourceBytes} from '../../read/source.js'
import type {CommandContext} from '../command.js'
import {reportMessage, type Reporter} from '../report.js'

export function registerLint({program, reporter, setExitCode}: CommandContext): void {
  program
    .command('lint')
    .description('report what normalize would change, and what it cannot fix; exit 1 if anything')
    .argument('<files...>', 'sources (.md) or folders of them')
    .action(async (files: string[]) => {
      setExitCode(await lintCommand(files, reporter))
    })
}

/**
 * Like `prettier --check`: report every change normalize would make and
 * every finding it cannot fix, with positions. Exit 1 when a file would
 * change or has an error; warnings alone pass.
 */
export async function lintCommand(inputs: string[], reporter: Reporter): Promise<number> {
  const {isFixable, loadLintSettings, normalizeText} = await import('../../normalize/index.js')
  let failed = false
  for (const file of await expand(inputs)) {
    const text = decodeText(await readSourceBytes(file), file)
    const result = normalizeText(text, {fileName: file, rules: await loadLintSettings(file)})
    const changes = result.messages.filter(isFixable)
    for (const message of result.messages) {
      reportMessage(reporter, isFixable(message) ? Object.assign(message, {fatal: true}) : message)
    }
    const rewritten = result.markdown !== text.replace(/\r\n?/g, '\n')
    if (rewritten && changes.length === 0) {
      reporter.out(`${file}:1:1  error  Unexpected layout, expected what \`paiban normalize\` writes  normalized-layout`)
    }
    if (rewritten || changes.length > 0 || result.messages.some((message) => message.fatal === true)) failed = true
  }
  if (failed) reporter.err('Run `paiban normalize FILE -o FILE` to apply the fixes.')
  return failed ? 1 : 0
}

/** Files as given, folders as the `.md` files in them. */
async function expand(inputs: string[]): Promise<string[]> {
  const files: string[] = []
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined)
    if (info?.isDirectory()) {
      const entries = (await readdir(input)).filter((entry) => entry.endsWith('.md')).sort()
      files.push(...entries.map((entry) => path.join(input, entry)))
    } else {
      files.push(input)
    }
  }
  return files
}
