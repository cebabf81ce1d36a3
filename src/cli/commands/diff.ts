import path from 'node:path'
import {styleText} from 'node:util'
import type {RedlineOptions, RedlineResult} from '../../diff/index.js'
import {redlineFormats, revisionDate, type RedlineFormat} from '../../diff/options.js'
import {PaibanError} from '../../errors.js'
import type {CommandContext} from '../command.js'
import type {Reporter} from '../report.js'

export function registerDiff({program, reporter, setExitCode}: CommandContext): void {
  program
    .command('diff')
    .description('show what changed between two versions of a text, as Word tracked changes (or HTML/PDF)')
    .argument('<files...>', 'OLD NEW (.md or .txt), or one FILE with --from')
    .option('-o, --out <file>', 'output file (default: output/<name>.redline.<format>)')
    .option('--from <rev>', 'compare FILE as committed at this git revision…')
    .option('--to <rev>', '…with FILE at this revision (default: the file on disk)')
    .option('--author <name>', 'author of the changes (default: the newer commit’s, else paiban)')
    .option('--date <iso>', 'date of the changes, ISO 8601 (default: the newer commit’s, else the file’s)')
    .option('-f, --format <list>', `${redlineFormats.join('|')}, comma-separated (default: from -o, else docx)`)
    .option('-t, --template <name>', 'template name or folder (default: the document’s, else booklet)')
    .action(async (files: string[], flags: DiffFlags) => {
      setExitCode(await diffCommand(files, flags, reporter))
    })
}

export interface DiffFlags {
  out?: string
  from?: string
  to?: string
  author?: string
  date?: string
  format?: string
  template?: string
}

export async function diffCommand(files: string[], flags: DiffFlags, reporter: Reporter): Promise<number> {
  const started = performance.now()
  const options = redlineOptions(files, flags)
  const {buildRedline} = await import('../../diff/index.js')
  const result = await buildRedline(options)
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  for (const output of result.outputs) {
    const pages = output.pages === undefined ? '' : `  ${output.pages} pages`
    const mark = reporter.color ? styleText('green', '✓') : '✓'
    reporter.out(`${mark} ${relative(output.file)}  ${describeChanges(result)}${pages}  ${seconds} s`)
  }
  // Front matter is not text of the body: its changes are told, not tracked.
  for (const change of result.metaChanges) reporter.out(`  front matter \`${change.field}\`: “${change.before}” → “${change.after}” (shown as the newer, not tracked)`)
  return 0
}

/** `3 insertions (120 characters), 1 deletion (4 characters)`, or `no changes`. */
export function describeChanges({changes}: Pick<RedlineResult, 'changes'>): string {
  if (changes.insertions === 0 && changes.deletions === 0) return 'no changes'
  const part = (count: number, noun: string, characters: number): string =>
    `${count} ${noun}${count === 1 ? '' : 's'} (${characters} character${characters === 1 ? '' : 's'})`
  return `${part(changes.insertions, 'insertion', changes.insertedCharacters)}, ${part(changes.deletions, 'deletion', changes.deletedCharacters)}`
}

/** Flags to options, checked here at the edge. */
function redlineOptions(files: string[], flags: DiffFlags): RedlineOptions {
  const usage = (message: string): PaibanError =>
    new PaibanError('E_USAGE', message, {hint: 'Run `paiban diff OLD NEW -o OUT.docx` or `paiban diff FILE --from REV [--to REV]`.'})
  let before: RedlineOptions['before']
  let after: RedlineOptions['after']
  const [first, second] = files
  if (flags.from !== undefined) {
    if (files.length !== 1 || first === undefined) throw usage('With --from, give one file')
    before = {file: first, revision: flags.from}
    after = flags.to === undefined ? {file: first} : {file: first, revision: flags.to}
  } else {
    if (flags.to !== undefined) throw usage('--to needs --from')
    if (files.length !== 2 || first === undefined || second === undefined) throw usage(`Expected two files, OLD and NEW, got ${files.length}`)
    before = {file: first}
    after = {file: second}
  }
  const formats = formatsOf(flags)
  // One -o for several formats: each takes the name with its own extension.
  const base = flags.out === undefined ? path.join('output', `${path.basename(after.file, path.extname(after.file))}.redline`) : withoutFormatExtension(flags.out)
  const outputs = formats.map((format) => ({format, file: formats.length === 1 && flags.out !== undefined ? flags.out : `${base}.${format}`}))
  return {
    before,
    after,
    outputs,
    ...(flags.author === undefined ? {} : {author: flags.author}),
    ...(flags.date === undefined ? {} : {date: revisionDate(flags.date)}),
    ...(flags.template === undefined ? {} : {template: flags.template})
  }
}

function formatsOf(flags: DiffFlags): RedlineFormat[] {
  const fromOut = flags.out === undefined ? undefined : path.extname(flags.out).slice(1)
  const list = flags.format ?? (fromOut && isFormat(fromOut) ? fromOut : 'docx')
  const formats = list.split(',').map((format) => format.trim()).filter(Boolean)
  const unknown = formats.filter((format) => !isFormat(format))
  if (unknown.length > 0 || formats.length === 0) {
    throw new PaibanError('E_USAGE', `Unknown format \`${unknown.join(',') || list}\``, {hint: `Use one or more of ${redlineFormats.join(', ')}, comma-separated.`})
  }
  return formats.filter(isFormat)
}

function isFormat(format: string): format is RedlineFormat {
  return (redlineFormats as readonly string[]).includes(format)
}

function withoutFormatExtension(file: string): string {
  const extension = path.extname(file).slice(1)
  return isFormat(extension) ? file.slice(0, -extension.length - 1) : file
}

function relative(file: string): string {
  const result = path.relative(process.cwd(), file)
  return result.startsWith('..') ? file : result
}
