import {spawn} from 'node:child_process'
import {readFile, readdir} from 'node:fs/promises'

/** One run of a command: wall time and the peak memory and CPU time of its whole process tree. */
export interface Measurement {
  milliseconds: number
  /** Peak of the summed proportional set size (PSS) of the process and all its children, in bytes. */
  peakBytes: number
  /**
   * User plus system CPU time of the process and every process it started, in
   * milliseconds (0 when not sampled). On a machine whose cores the browser
   * already keeps busy, extra CPU time becomes wall time: this shows what a
   * change costs apart from how fast the machine happens to be that minute.
   */
  cpuMilliseconds: number
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

/** /proc counts CPU time in clock ticks of USER_HZ, which Linux fixes at 100 for user space. */
const ticksPerSecond = 100

interface ProcessTimes {
  /** CPU time of the process itself, in milliseconds. */
  own: number
  /** CPU time of the children it has waited for (and theirs), in milliseconds. */
  reaped: number
  parent: number
  /** Start time, to tell a reused pid apart. */
  started: string
}

/** A process's CPU times so far, from /proc/<pid>/stat (a zombie's too); undefined once it is gone. */
async function timesOf(pid: number | 'self'): Promise<ProcessTimes | undefined> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')
  // The command name, in parentheses, may hold spaces: the fields that matter follow its last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ').map((field) => Number(field))
  if (fields.length < 20) return undefined
  // stat(5) numbers its fields from 1 and `fields` starts at field 3: ppid is 4,
  // utime and stime 14 and 15, cutime and cstime 16 and 17, starttime 22.
  const milliseconds = (ticks: number): number => (ticks * 1000) / ticksPerSecond
  return {
    own: milliseconds((fields[11] ?? 0) + (fields[12] ?? 0)),
    reaped: milliseconds((fields[13] ?? 0) + (fields[14] ?? 0)),
    parent: fields[1] ?? 0,
    started: String(fields[19])
  }
}

/**
 * Samples of a process tree: its peak memory, and the CPU time of every
 * process that was ever in it. A process's own time plus the time of the
 * children it waited for counts each process once, exactly, as long as every
 * parent waits for its children; but a browser's helpers often outlive their
 * parent and are adopted (and waited for) by init. So every process seen is
 * read until it is gone, and counted by itself unless its parent, read after
 * it was gone, had taken its time in. The figure errs low by what goes
 * unseen: an orphan's time after its last reading (10 ms apart), and a
 * process orphaned before any walk of the tree (50 ms apart) found it.
 */
class TreeSampler {
  peakBytes = 0
  private readonly seen = new Map<number, ProcessTimes & {lastSample: number}>()
  private samples = 0
  private readonly before: Promise<ProcessTimes | undefined> = timesOf('self')

  constructor(private readonly root: number) {}

  /**
   * Read the CPU time of every process seen so far; with `walk`, first walk
   * the tree for new processes and sum its memory (the costly part).
   */
  async sample(walk: boolean): Promise<void> {
    const pass = ++this.samples
    const inTree = new Set<number>()
    if (walk) {
      let bytes = 0
      const queue = [this.root]
      while (queue.length > 0) {
        const pid = queue.pop() ?? 0
        if (inTree.has(pid)) continue
        inTree.add(pid)
        bytes += await pssOf(pid)
        queue.push(...(await childrenOf(pid)))
      }
      this.peakBytes = Math.max(this.peakBytes, bytes)
    }
    // Children before parents (the walk found parents first): a child gone by the time it is read
    // was waited for before its parent is read, so the parent's figure holds it.
    for (const pid of [...new Set([...inTree, ...this.seen.keys()])].reverse()) {
      const now = await timesOf(pid)
      const known = this.seen.get(pid)
      if (now && (!known || known.started === now.started)) this.seen.set(pid, {...now, lastSample: pass})
    }
  }

  /** Once the root has been waited for: what this process gained in waited-for children's time is the root's whole time. */
  async cpuMilliseconds(): Promise<number> {
    const [before, after] = await Promise.all([this.before, timesOf('self')])
    const rootTotal = (after?.reaped ?? 0) - (before?.reaped ?? 0)
    let total = rootTotal
    for (const [pid, times] of this.seen) {
      if (pid === this.root) continue
      const parent = this.seen.get(times.parent)
      // Gone while its parent lived on: the parent waited for it, and counted it.
      if (parent !== undefined && parent.lastSample > times.lastSample) continue
      total += times.own + times.reaped
    }
    return total
  }
}

export interface MeasureOptions {
  cwd: string
  env?: NodeJS.ProcessEnv
  /**
   * Sample the process tree's memory (every 50 ms) and CPU time. Reading /proc
   * costs CPU (smaps_rollup walks every mapping of every browser process),
   * enough to slow what is timed on two cores: the bench times runs that are
   * not sampled, and samples other runs. Default: false (peakBytes and
   * cpuMilliseconds are 0).
   */
  sample?: boolean
}

/** Run a command to its end: its wall time and, when asked, its process tree's peak memory and CPU time. */
export async function measure(command: string, args: string[], options: MeasureOptions): Promise<Measurement> {
  const started = performance.now()
  const child = spawn(command, args, {cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'ignore', 'pipe']})
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const sampler = options.sample && child.pid !== undefined ? new TreeSampler(child.pid) : undefined
  let sampling = true
  const sampled = (async () => {
    // CPU time every 10 ms, so that little of a process's time goes unseen between its last
    // reading and its end; new processes and memory (the costly readings) every 50 ms.
    for (let pass = 0; sampler && sampling; pass++) {
      await sampler.sample(pass % 5 === 0)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  })()
  const exitCode = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)))
  const milliseconds = performance.now() - started
  sampling = false
  await sampled
  // A last look: the CPU time of helpers still winding down after the command returned.
  await sampler?.sample(true)
  if (exitCode !== 0) throw new Error(`${command} ${args.join(' ')} exited ${exitCode}: ${stderr.slice(-2000)}`)
  return {milliseconds, peakBytes: sampler?.peakBytes ?? 0, cpuMilliseconds: (await sampler?.cpuMilliseconds()) ?? 0, exitCode}
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}
