import {Command, CommanderError} from 'commander'
import {exitCodeFor} from '../errors.js'
import {version} from '../version.js'
import type {CommandContext, RegisterCommand} from './command.js'
import {registerBuild} from './commands/build.js'
import {registerCheck} from './commands/check.js'
import {registerDiff} from './commands/diff.js'
import {registerImpose} from './commands/impose.js'
import {registerInitTemplate} from './commands/init-template.js'
import {registerLint} from './commands/lint.js'
import {registerNormalize} from './commands/normalize.js'
import {registerWatch} from './commands/watch.js'
import {consoleReporter, reportError, type Reporter} from './report.js'

/** Every command, in the order `--help` lists them. */
const commands: RegisterCommand[] = [registerBuild, registerWatch, registerCheck, registerNormalize, registerLint, registerDiff, registerImpose, registerInitTemplate]

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

  const context: CommandContext = {program, reporter, setExitCode: (code) => (exitCode = code)}
  for (const register of commands) register(context)

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
