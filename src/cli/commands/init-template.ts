import path from 'node:path'
import type {CommandContext} from '../command.js'

export function registerInitTemplate({program, reporter, setExitCode}: CommandContext): void {
  program
    .command('init-template')
    .description('copy a template into this repository to edit (templates/NAME)')
    .argument('<name>', 'the new template’s name')
    .option('--from <template>', 'built-in template name or folder to start from', 'booklet')
    .option('--dir <folder>', 'where to create it', 'templates')
    .action(async (name: string, flags: {from: string; dir: string}) => {
      const {initTemplate} = await import('../../template/init.js')
      const target = await initTemplate({name, from: flags.from, into: flags.dir})
      const relative = path.relative(process.cwd(), target) || '.'
      reporter.out(`Created ${relative}/ from ${flags.from}. Build with it: paiban build --template ./${relative}`)
      reporter.out(`or per document, in front matter: template: ${path.relative(path.join(process.cwd(), 'source'), target)}`)
      setExitCode(0)
    })
}
