import os from 'node:os'
import {Option} from 'commander'
import {buildBook, outputFormats, type OutputFormat} from '../../build.js'
import {exitCodeFor, PaibanError} from '../../errors.js'
import {parseShard} from '../../shard.js'
import type {CommandContext} from '../command.js'
import {buildEventReporter, type Reporter} from '../report.js'

export function registerBuild({program, reporter, setExitCode}: CommandContext): void {
  program
    .command('build')
    .description('build PDF, Word and HTML from source/*.md or the files given')
    .argument('[inputs...]', '.md sources, or .txt texts normalized on the way in')
    .option('-o, --out <dir>', 'output folder', 'output')
    .option('-t, --template <name>', 'template name or folder (default: the document’s, else booklet)')
    .addOption(new Option('-f, --format <list>', `outputs, comma-separated: ${outputFormats.join(',')}`).default(outputFormats.join(',')))
    .option('--force', 'rebuild even if nothing changed')
    .option('-j, --jobs <n>', 'documents printed at once', String(os.availableParallelism()))
    .option('--shard <i/n>', 'build only the i-th of n stable slices of the documents (CI matrices)')
    .option('--no-check', 'skip the preflight check of the outputs')
    .action(async (inputs: string[], flags: BuildFlags) => {
      setExitCode(await buildCommand(inputs, flags, reporter))
    })
}

export interface BuildFlags {
  out: string
  template?: string
  format: string
  force?: boolean
  jobs: string
  shard?: string
  check: boolean
}

export async function buildCommand(inputs: string[], flags: BuildFlags, reporter: Reporter): Promise<number> {
  const formats = flags.format.split(',').map((format) => format.trim()).filter(Boolean)
  const unknown = formats.filter((format) => !(outputFormats as readonly string[]).includes(format))
  if (unknown.length > 0 || formats.length === 0) {
    throw new PaibanError('E_USAGE', `Unknown format \`${unknown.join(',') || flags.format}\``, {
      hint: `Use one or more of ${outputFormats.join(', ')}, comma-separated.`
    })
  }
  const jobs = Number(flags.jobs)
  if (!Number.isInteger(jobs) || jobs < 1) {
    throw new PaibanError('E_USAGE', `Unexpected \`--jobs ${flags.jobs}\``, {hint: 'Give a whole number of 1 or more.'})
  }
  const shard = flags.shard === undefined ? undefined : parseShard(flags.shard)
  if (flags.shard !== undefined && !shard) {
    throw new PaibanError('E_USAGE', `Unexpected \`--shard ${flags.shard}\``, {hint: 'Give i/n with 1 ≤ i ≤ n, e.g. --shard 2/4.'})
  }
  const started = performance.now()
  const result = await buildBook({
    inputs,
    outDir: flags.out,
    ...(flags.template ? {template: flags.template} : {}),
    ...(shard ? {shard} : {}),
    formats: formats as OutputFormat[],
    force: flags.force ?? false,
    jobs,
    check: flags.check,
    onEvent: buildEventReporter(reporter)
  })
  const skipped = result.documents.filter((document) => document.skipped).length
  const built = result.documents.length - skipped - result.failed
  reporter.out(
    `${result.documents.length} document${result.documents.length === 1 ? '' : 's'}: ${built} built, ${skipped} unchanged, ${result.failed} failed  ` +
      `(${((performance.now() - started) / 1000).toFixed(2)} s)`
  )
  // The gravest failure decides: a template or environment error outranks a text error.
  return Math.max(0, ...result.documents.filter((document) => document.error !== undefined).map((document) => exitCodeFor(document.error)))
}
