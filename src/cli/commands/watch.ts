import type {CommandContext} from '../command.js'
import {outputFormats, type OutputFormat} from '../../output-format.js'
import {buildEventReporter} from '../report.js'

export function registerWatch({program, reporter, setExitCode}: CommandContext): void {
  program
    .command('watch')
    .description('build, then rebuild on every change in source/, templates/, styles/; preview on localhost')
    .option('-o, --out <dir>', 'output folder', 'output')
    .option('-t, --template <name>', 'template name or folder')
    .option('-p, --port <port>', 'preview port on 127.0.0.1', '4173')
    .option('-f, --format <list>', `outputs, comma-separated: ${outputFormats.join(',')}`, outputFormats.join(','))
    .action(async (flags: {out: string; template?: string; port: string; format: string}) => {
      const {watchProject} = await import('../../watch.js')
      const watcher = await watchProject({
        outDir: flags.out,
        ...(flags.template ? {template: flags.template} : {}),
        port: Number(flags.port),
        formats: flags.format.split(',').filter((format): format is OutputFormat => (outputFormats as readonly string[]).includes(format)),
        onEvent: buildEventReporter(reporter)
      })
      await watcher.ready
      reporter.out(`Watching source/, templates/, styles/ — preview at ${watcher.url} (Ctrl-C to stop)`)
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop)
          process.off('SIGTERM', stop)
          void watcher.close().then(resolve)
        }
        process.on('SIGINT', stop)
        process.on('SIGTERM', stop)
      })
      setExitCode(0)
    })
}
