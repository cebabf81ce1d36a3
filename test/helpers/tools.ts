import {execFile} from 'node:child_process'
import {promisify} from 'node:util'

const run = promisify(execFile)

/** Run a command-line tool the tests read outputs with; a missing tool fails the test by name. */
export async function tool(command: string, args: string[], options: {timeout?: number; cwd?: string; env?: Record<string, string>} = {}): Promise<string> {
  try {
    const {stdout} = await run(command, args, {
      maxBuffer: 64 * 1024 * 1024,
      timeout: options.timeout ?? 120_000,
      encoding: 'utf8',
      ...(options.cwd ? {cwd: options.cwd} : {}),
      ...(options.env ? {env: {...process.env, ...options.env}} : {})
    })
    return stdout
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new Error(`${command} is not installed: run \`bash .ci/install-system-packages\``)
    throw error
  }
}
