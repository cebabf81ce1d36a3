import os from 'node:os'
import {Option} from 'commander'
import {exitCodeFor, PaibanError} from '../../errors.js'
import {outputFormats, type OutputFormat} from '../../output-format.js'
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
    .option('--press', 'also write x.press.pdf: bleed, crop marks, trim and bleed boxes')
    .option('--bleed <mm>', 'bleed on every side, for --press (default 3)')
    .addOption(new Option('--marks <kind>', 'crop marks, or none').choices(['crop', 'none']))
    .addOption(new Option('--pdfx <version>', 'convert press outputs to PDF/X (implies --press)').choices(['x1a', 'x3']))
    .option('--icc <profile>', 'the printer’s CMYK output profile for --pdfx')
    .addOption(new Option('--impose <scheme>', 'also write x.imposed.pdf, pages on sheets in folding order').choices(['saddle']))
    .option('--sheet <size>', 'press sheet for --impose: A4, A3 or SRA3')
    .option('--creep <mm>', 'creep compensation for --impose')
    .option('--max-pages <n>', 'warn past this many pages in a saddle stitch (default 64)')
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
  press?: boolean
  bleed?: string
  marks?: 'crop' | 'none'
  pdfx?: 'x1a' | 'x3'
  icc?: string
  impose?: 'saddle'
  sheet?: string
  creep?: string
  maxPages?: string
}

/** The press flags given, as press options (the template's `press:` block fills the rest). */
function pressFlags(flags: BuildFlags): Record<string, unknown> | undefined {
  const number = (value: string | undefined): number | undefined => (value === undefined ? undefined : Number(value))
  const given = Object.entries({
    press: flags.press,
    bleedMm: number(flags.bleed),
    marks: flags.marks,
    pdfx: flags.pdfx,
    icc: flags.icc,
    impose: flags.impose,
    sheet: flags.sheet,
    creepMm: number(flags.creep),
    maxPages: number(flags.maxPages)
  }).filter(([, value]) => value !== undefined)
  return given.length > 0 ? Object.fromEntries(given) : undefined
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
  const press = pressFlags(flags)
  if (press) {
    // Bad values fail here, as a usage error, before anything is built.
    const {parsePressOptions} = await import('../../press/index.js')
    parsePressOptions(press)
  }
  const {buildBook} = await import('../../build.js')
  const started = performance.now()
  const result = await buildBook({
    ...(press ? {press} : {}),
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
