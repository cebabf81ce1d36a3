import path from 'node:path'
import {PaibanError} from '../../errors.js'
import type {CommandContext} from '../command.js'

export function registerCheck({program, reporter, setExitCode}: CommandContext): void {
  program
    .command('check')
    .description('run the preflight on a built PDF or .docx against its source')
    .argument('<file>', 'a .pdf or .docx paiban built')
    .requiredOption('-s, --source <file>', 'the source it was built from (.md or .txt)')
    .option('-t, --template <name>', 'template it was built with (default: the source’s, else booklet)')
    .action(async (file: string, flags: {source: string; template?: string}) => {
      const [{checkDocx, checkPdf}, {parseDocument}, {loadTemplate, templateDirectory}, {resolveTemplate}, {readSource, readSourceBytes}] = await Promise.all([
        import('../../check/index.js'),
        import('../../model/parse.js'),
        import('../../template/load.js'),
        import('../../template/resolve.js'),
        import('../../read/source.js')
      ])
      const document = parseDocument(await readSource(path.resolve(flags.source)), flags.source)
      const name = flags.template ?? document.meta.template ?? 'booklet'
      const directory = templateDirectory(name, process.cwd())
      const template = resolveTemplate(await loadTemplate(directory), directory)
      const bytes = await readSourceBytes(file)
      let findings
      if (file.endsWith('.pdf')) findings = await checkPdf(bytes, {document, template})
      else if (file.endsWith('.docx')) findings = checkDocx(bytes, {document, template})
      else throw new PaibanError('E_USAGE', `Cannot check ${file}`, {hint: 'Give a .pdf or a .docx.'})
      for (const finding of findings) {
        reporter.err(`${finding.place ?? flags.source}  error  ${finding.page ? `page ${finding.page}: ` : ''}${finding.reason}  ${finding.ruleId}`)
        if (reporter.githubActions) {
          const [source, line, column] = (finding.place ?? flags.source).split(':')
          reporter.err(`::error file=${source},line=${line ?? 1},col=${column ?? 1}::${finding.reason.replace(/%/g, '%25').replace(/\n/g, '%0A')}`)
        }
      }
      if (findings.length === 0) reporter.out(`${file}: passes the preflight`)
      setExitCode(findings.length > 0 ? 1 : 0)
    })
}
