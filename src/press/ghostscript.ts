import {execFile} from 'node:child_process'
import {PaibanError} from '../errors.js'

export interface GhostscriptRun {
  /** The executable: a name on the PATH or a path. */
  executable: string
  args: string[]
  /** Extra environment (SOURCE_DATE_EPOCH for reproducible dates). */
  env?: Record<string, string>
  timeoutMs?: number
}

/**
 * Run Ghostscript. A missing executable is an environment error naming the
 * package to install; a failed run reports what Ghostscript said.
 */
export function runGhostscript(run: GhostscriptRun): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      run.executable,
      run.args,
      {env: {...process.env, ...run.env}, maxBuffer: 16 * 1024 * 1024, timeout: run.timeoutMs ?? 600_000, encoding: 'utf8'},
      (error, stdout, stderr) => {
        if (!error) return resolve(`${stdout}${stderr}`)
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          return reject(
            new PaibanError('E_GHOSTSCRIPT_MISSING', `Ghostscript (\`${run.executable}\`) is not installed`, {
              hint: 'PDF/X needs Ghostscript 10 or later: `apt-get install ghostscript` (or `bash .ci/install-system-packages`), `brew install ghostscript` on macOS.',
              cause: error
            })
          )
        }
        const said = `${stderr}${stdout}`.trim().split('\n').slice(-6).join('\n')
        reject(new PaibanError('E_GHOSTSCRIPT', `Ghostscript failed${said ? `:\n${said}` : ''}`, {hint: 'Run again with --debug; check the Ghostscript version (`gs --version`, 10.0 or later).', cause: error}))
      }
    )
  })
}
