import {main} from '../../src/cli/main.js'
import type {Reporter} from '../../src/cli/report.js'

export interface CliResult {
  code: number
  out: string
  err: string
}

/** Run the CLI in-process, in `cwd` if given, and capture what it prints. */
export async function runCli(argv: string[], cwd?: string): Promise<CliResult> {
  const out: string[] = []
  const err: string[] = []
  const reporter: Reporter = {out: (line) => out.push(line), err: (line) => err.push(line), color: false, githubActions: false}
  const previous = process.cwd()
  if (cwd) process.chdir(cwd)
  try {
    return {code: await main(argv, reporter), out: out.join('\n'), err: err.join('\n')}
  } finally {
    process.chdir(previous)
  }
}
