import path from 'node:path'
import {PaibanError} from '../../errors.js'
import {writeAtomic} from '../../fs.js'
import {decodeText} from '../../read/decode.js'
import {readSourceBytes} from '../../read/source.js'
import type {FrontMatterFields} from '../../normalize/index.js'
import type {CommandContext} from '../command.js'
import {reportMessage, type Reporter} from '../report.js'

export function registerNormalize({program, reporter, setExitCode}: CommandContext): void {
  program
    .command('normalize')
    .description('turn a raw text into normalized Markdown (stdout, or -o FILE)')
    .argument('<file>', '.txt or .md, any of UTF-8, UTF-16, GB18030')
    .option('-o, --output <file>', 'write here instead of stdout')
    .option('--set <key=value...>', 'front matter fields to set (title=…, subtitle=…, issuer=…, date=…)')
    .action(async (file: string, flags: NormalizeFlags) => {
      setExitCode(await normalizeCommand(file, flags, reporter))
    })
}

export interface NormalizeFlags {
  output?: string
  set?: string[]
}

/**
 * Print (or write) the normalized Markdown. What could not be fixed
 * automatically is reported on stderr; the fixes themselves are what
 * `paiban lint` lists.
 */
export async function normalizeCommand(file: string, flags: NormalizeFlags, reporter: Reporter): Promise<number> {
  const text = decodeText(await readSourceBytes(file), file)
  const {isFixable, loadLintSettings, normalizeText} = await import('../../normalize/index.js')
  // The front matter's fields come with its schema (yaml, zod): loaded only when this command runs.
  const {frontMatterFields} = await import('../../read/front-matter.js')
  const result = normalizeText(text, {fileName: file, frontMatter: parseSettings(flags.set ?? [], frontMatterFields), rules: await loadLintSettings(file)})
  for (const message of result.messages) {
    if (!isFixable(message)) reportMessage({...reporter, out: reporter.err}, message)
  }
  if (flags.output) {
    await writeAtomic(path.resolve(flags.output), result.markdown)
  } else {
    process.stdout.write(result.markdown)
  }
  return 0
}

/** `--set title=… --set keywords=甲,乙` → front matter fields. */
function parseSettings(settings: string[], frontMatterFields: readonly string[]): FrontMatterFields {
  const fields: Record<string, string | string[]> = {}
  for (const setting of settings) {
    const index = setting.indexOf('=')
    const key = setting.slice(0, index)
    if (index <= 0 || !frontMatterFields.includes(key)) {
      throw new PaibanError('E_USAGE', `Unexpected \`--set ${setting}\``, {
        hint: `Use --set KEY=VALUE with KEY one of ${frontMatterFields.join(', ')}.`
      })
    }
    const value = setting.slice(index + 1)
    fields[key] = key === 'keywords' ? value.split(/[,，、]/).map((word) => word.trim()).filter(Boolean) : value
  }
  return fields as FrontMatterFields
}
