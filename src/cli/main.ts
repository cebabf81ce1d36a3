import {Command, CommanderError, Option} from 'commander'
import {exitCodeFor} from '../errors.js'
import {version} from '../version.js'
import {buildCommand} from './commands/build.js'
import {lintCommand} from './commands/lint.js'
import {normalizeCommand} from './commands/normalize.js'
import {consoleReporter, reportError, type Reporter} from './report.js'
import {outputFormats} from '../build.js'

/**
 * argv → exit code: 0 ok, 1 a document failed or lint found something,
 * 2 usage or template error, 3 environment (browser, fonts).
 */
export async function main(argv: string[], reporter: Reporter = consoleReporter()): Promise<number> {
  let exitCode = 0
  const debug = argv.includes('--debug')
  const program = new Command('paiban')
    .description('Typeset Chinese study texts into a print PDF, a Word copy and a web page.')
    .version(version, '-v, --version')
    .option('--debug', 'print stack traces')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => reporter.out(text.trimEnd()),
      writeErr: (text) => reporter.err(text.trimEnd())
    })
    .showHelpAfterError('(run `paiban --help` for usage)')

  program
    .command('build')
    .description('build PDF, Word and HTML from source/*.md or the files given')
    .argument('[inputs...]', '.md sources, or .txt texts normalized on the way in')
    .option('-o, --out <dir>', 'output folder', 'output')
    .option('-t, --template <name>', 'template name or folder (default: the document’s, else booklet)')
    .addOption(new Option('-f, --format <list>', `outputs, comma-separated: ${outputFormats.join(',')}`).default(outputFormats.join(',')))
    .option('--force', 'rebuild even if nothing changed')
    .action(async (inputs: string[], options: {out: string; template?: string; format: string; force?: boolean}) => {
      exitCode = await buildCommand(inputs, options, reporter)
    })

  program
    .command('normalize')
    .description('turn a raw text into normalized Markdown (stdout, or -o FILE)')
    .argument('<file>', '.txt or .md, any of UTF-8, UTF-16, GB18030')
    .option('-o, --output <file>', 'write here instead of stdout')
    .option('--set <key=value...>', 'front matter fields to set (title=…, subtitle=…, issuer=…, date=…)')
    .action(async (file: string, options: {output?: string; set?: string[]}) => {
      exitCode = await normalizeCommand(file, options, reporter)
    })

  program
    .command('lint')
    .description('report what normalize would change, and what it cannot fix; exit 1 if anything')
    .argument('<files...>', 'sources (.md) or folders of them')
    .action(async (files: string[]) => {
      exitCode = await lintCommand(files, reporter)
    })

  try {
    if (argv.length === 0) {
      program.outputHelp()
      return 2
    }
    await program.parseAsync(argv, {from: 'user'})
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with code 0.
      return error.exitCode === 0 ? 0 : 2
    }
    reportError(reporter, error, undefined, debug)
    return exitCodeFor(error)
  }
}
