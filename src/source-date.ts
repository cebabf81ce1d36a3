import {execFileSync} from 'node:child_process'
import path from 'node:path'
import {epochOfDate} from './model/date.js'
import type {DocumentMeta} from './model/types.js'

/**
 * The one date a build writes into its outputs, so the same text gives the
 * same bytes: the front matter's date, else SOURCE_DATE_EPOCH
 * (reproducible-builds.org), else the source's last commit, else 0.
 */
export function sourceDateEpoch(meta: DocumentMeta, sourceFile: string): number {
  const fromMeta = meta.date === undefined ? undefined : epochOfDate(meta.date)
  if (fromMeta !== undefined) return fromMeta
  const fromEnvironment = process.env['SOURCE_DATE_EPOCH']
  if (fromEnvironment && /^\d+$/.test(fromEnvironment)) return Number(fromEnvironment)
  try {
    const output = execFileSync('git', ['log', '-1', '--format=%ct', '--', path.basename(sourceFile)], {
      cwd: path.dirname(sourceFile),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore']
    }).trim()
    if (/^\d+$/.test(output)) return Number(output)
  } catch {
    // Not in a git repository: fall through.
  }
  return 0
}
