import {buildBook, outputFormats, type OutputFormat} from '../../build.js'
import {exitCodeFor, PaibanError} from '../../errors.js'
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
  // The gravest failure decides: a template or environment error outranks a text error.
  return Math.max(0, ...result.documents.filter((document) => document.error !== undefined).map((document) => exitCodeFor(document.error)))
}
