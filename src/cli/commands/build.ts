import {buildBook, outputFormats, type OutputFormat} from '../../build.js'
import {PaibanError} from '../../errors.js'
import {reportBuildEvent, type Reporter} from '../report.js'

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
  return result.failed > 0 ? 1 : 0
}
