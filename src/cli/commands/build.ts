import {buildBook, outputFormats, type OutputFormat} from '../../build.js'
import {exitCodeFor, PaibanError} from '../../errors.js'
import {Option} from 'commander'
import type {CommandContext} from '../command.js'
import {reportBuildEvent, type Reporter} from '../report.js'

export function registerBuild({program, reporter, setExitCode}: CommandContext): void {
  program
    .command('build')
    .description('build PDF, Word and HTML from source/*.md or the files given')
    .argument('[inputs...]', '.md sources, or .txt texts normalized on the way in')
    .option('-o, --out <dir>', 'output folder', 'output')
    .option('-t, --template <name>', 'template name or folder (default: the document’s, else booklet)')
    .addOption(new Option('-f, --format <list>', `outputs, comma-separated: ${outputFormats.join(',')}`).default(outputFormats.join(',')))
    .option('--force', 'rebuild even if nothing changed')
    .action(async (inputs: string[], flags: BuildFlags) => {
      setExitCode(await buildCommand(inputs, flags, reporter))
    })
}

export interface BuildFlags {
  out: string
  template?: string
  format: string
  force?: boolean
}

export async function buildCommand(inputs: string[], flags: BuildFlags, reporter: Reporter): Promise<number> {
  const formats = flags.format.split(',').map((format) => format.trim()).filter(Boolean)
  const unknown = formats.filter((format) => !(outputFormats as readonly string[]).includes(format))
  if (unknown.length > 0 || formats.length === 0) {
    throw new PaibanError('E_USAGE', `Unknown format \`${unknown.join(',') || flags.format}\``, {
      hint: `Use one or more of ${outputFormats.join(', ')}, comma-separated.`
    })
  }
  const result = await buildBook({
    inputs,
    outDir: flags.out,
    ...(flags.template ? {template: flags.template} : {}),
    formats: formats as OutputFormat[],
    force: flags.force ?? false,
    onEvent: (event) => reportBuildEvent(reporter, event)
  })
  // The gravest failure decides: a template or environment error outranks a text error.
  return Math.max(0, ...result.documents.filter((document) => document.error !== undefined).map((document) => exitCodeFor(document.error)))
}
