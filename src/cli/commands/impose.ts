import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {Option} from 'commander'
import {PaibanError} from '../../errors.js'
import {writeAtomic} from '../../fs.js'
import type {CommandContext} from '../command.js'
import type {Reporter} from '../report.js'

export function registerImpose({program, reporter, setExitCode}: CommandContext): void {
  program
    .command('impose')
    .description('lay a PDF’s pages 2-up on sheets in saddle-stitch (folding) order')
    .argument('<pdf>', 'the booklet PDF (reading or press PDF)')
    .requiredOption('-o, --out <file>', 'the imposed PDF to write')
    .option('--saddle', 'saddle stitch: nested sheets folded once and stapled (the only method so far)')
    .option('--sheet <size>', 'press sheet: A4, A3 or SRA3 (default: the smallest that holds a spread)')
    .option('--creep <mm>', 'creep compensation: the innermost sheet’s shift toward the spine, mm', '0')
    .option('--max-pages <n>', 'warn past this many pages', '64')
    .addOption(new Option('--marks <kind>', 'crop and fold marks on the sheet').choices(['crop', 'none']).default('none'))
    .option('--bleed <mm>', 'bleed around the spread, from the pages’ BleedBox', '0')
    .action(async (input: string, flags: ImposeFlags) => {
      setExitCode(await imposeCommand(input, flags, reporter))
    })
}

export interface ImposeFlags {
  out: string
  saddle?: boolean
  sheet?: string
  creep: string
  maxPages: string
  marks: string
  bleed: string
}

export async function imposeCommand(input: string, flags: ImposeFlags, reporter: Reporter): Promise<number> {
  if (!flags.saddle) {
    throw new PaibanError('E_USAGE', 'Say how to impose: --saddle', {hint: 'Saddle stitch (--saddle) is the method paiban imposes for.'})
  }
  // The press code (pdf-lib) loads only when a command needs it.
  const {imposeNote, imposeSaddle, parsePressOptions} = await import('../../press/index.js')
  const options = parsePressOptions({
    ...(flags.sheet ? {sheet: flags.sheet} : {}),
    creepMm: number(flags.creep, '--creep'),
    maxPages: number(flags.maxPages, '--max-pages'),
    marks: flags.marks,
    bleedMm: number(flags.bleed, '--bleed')
  })
  const bytes = await readFile(input).catch((error: NodeJS.ErrnoException) => {
    throw new PaibanError('E_INPUT', `Cannot read ${input}: ${error.code ?? error.message}`, {hint: 'Give the PDF to impose.'})
  })
  const started = performance.now()
  const result = await imposeSaddle(bytes, {
    ...(options.sheet ? {sheet: options.sheet} : {}),
    creepMm: options.creepMm,
    maxPages: options.maxPages,
    marks: options.marks,
    bleedMm: options.bleedMm
  }).catch((error: unknown) => {
    if (error instanceof PaibanError) throw error
    throw new PaibanError('E_INPUT', `Cannot read ${input} as a PDF: ${error instanceof Error ? error.message : String(error)}`, {hint: 'Give a PDF file.'})
  })
  await writeAtomic(path.resolve(flags.out), result.bytes)
  reporter.out(`${flags.out}  ${imposeNote(result)}  ${Math.round(performance.now() - started)} ms`)
  for (const warning of result.warnings) reporter.err(`warning  ${warning}`)
  return 0
}

function number(text: string, flag: string): number {
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new PaibanError('E_USAGE', `${flag} expects a number, got \`${text}\``, {hint: `For example ${flag} 0.5.`})
  }
  return value
}
