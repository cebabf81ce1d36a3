import {spawn} from 'node:child_process'
import {readFile, readdir} from 'node:fs/promises'

/** One run of a command: wall time and the peak memory of its whole process tree. */
export interface Measurement {
  milliseconds: number
  /** Peak of the summed proportional set size (PSS) of the process and all its children, in bytes. */
  peakBytes: number
  exitCode: number
}

/** Children of a process, from /proc (Linux). */
async function childrenOf(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[])
  const children: number[] = []
  for (const task of tasks) {
    const text = await readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '')
    children.push(...text.split(/\s+/).filter(Boolean).map(Number))
  }
  return children
}

/** PSS counts shared pages once across processes: the fair sum for a browser's many processes. */
async function pssOf(pid: number): Promise<number> {
  const text = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '')
  const kilobytes = /^Pss:\s+(\d+) kB/m.exec(text)?.[1]
  return kilobytes ? Number(kilobytes) * 1024 : 0
}

async function treeMemory(root: number): Promise<number> {
  let total = 0
  const queue = [root]
  const seen = new Set<number>()
  while (queue.length > 0) {
    const pid = queue.pop() ?? 0
    if (seen.has(pid)) continue
    seen.add(pid)
    total += await pssOf(pid)
    queue.push(...(await childrenOf(pid)))
  }
  return total
}

export interface MeasureOptions {
  cwd: string
  env?: NodeJS.ProcessEnv
  /**
   * Sample the process tree's memory every 50 ms. Reading /proc costs CPU
   * (smaps_rollup walks every mapping of every browser process), enough to
   * slow what is timed on two cores: the bench times runs that are not
   * sampled, and samples other runs. Default: false (peakBytes is 0).
   */
  memory?: boolean
}

/** Run a command to its end: its wall time and, when asked, its process tree's peak memory. */
export async function measure(command: string, args: string[], options: MeasureOptions): Promise<Measurement> {
  const started = performance.now()
  const child = spawn(command, args, {cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'ignore', 'pipe']})
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  let peakBytes = 0
  let sampling = true
  const sampler = (async () => {
    while (options.memory && sampling && child.pid !== undefined) {
      peakBytes = Math.max(peakBytes, await treeMemory(child.pid))
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })()
  const exitCode = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)))
  const milliseconds = performance.now() - started
  sampling = false
  await sampler
  if (exitCode !== 0) throw new Error(`${command} ${args.join(' ')} exited ${exitCode}: ${stderr.slice(-2000)}`)
  return {milliseconds, peakBytes, exitCode}
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}
