import {Worker} from 'node:worker_threads'
import type {CheckFinding} from '../../check/index.js'
import type {BuildContext} from '../../context.js'
import {deserializeError, type DocxJobMessage, type DocxJobOptions, type DocxJobRequest} from './job-messages.js'

/**
 * The Word copy, written off the main thread (worker.ts), so the build's
 * main thread stays free to answer Chromium's requests and stream the PDF.
 * Start the job when the document is known to need building: a new worker
 * loads its code while the text is parsed. Give it the parsed document
 * (`write`): it writes everything but the 目录's page numbers, and runs the
 * Word preflight, while the HTML is made and the PDF prints. Then `finish`
 * gives it the numbers. A worker whose job has ended waits for the next
 * one: a worker's start and the docx library's compiling cost about 0.1 s
 * of CPU, once per build instead of once per document.
 */
export interface DocxJob {
  /** The document to write (once). */
  write(context: BuildContext): void
  /**
   * Give the 目录's page numbers (undefined: none, the field is marked dirty)
   * and get the finished file, and the preflight's findings when `check` was
   * asked. Rejects with the writer's error (a PaibanError stays one, with its
   * code, message, hint and place). Call it once, after `write`.
   */
  finish(tocPages: ReadonlyMap<string, number> | undefined): Promise<DocxResult>
  /** Stop the worker (the build failed elsewhere). A `finish` still pending rejects. */
  cancel(): void
}

export interface DocxResult {
  bytes: Uint8Array
  findings: CheckFinding[]
  /** Time the worker spent writing and checking, not counting its waits for the document and the page numbers. */
  milliseconds: number
}

/** Workers whose job has ended, waiting (without keeping the process alive) for the next. */
const idleWorkers = new Set<Worker>()
let jobsStarted = 0

/** Keep a worker for the next job; one that fails or stops meanwhile is let go. */
function park(worker: Worker): void {
  const leave = (): void => {
    idleWorkers.delete(worker)
    worker.off('error', leave)
    worker.off('exit', leave)
  }
  worker.on('error', leave)
  worker.on('exit', leave)
  worker.unref()
  idleWorkers.add(worker)
}

/** A parked worker, taken out of the pool, or a new one. */
function takeWorker(): Worker {
  const [parked] = idleWorkers
  if (!parked) return new Worker(workerEntry, typescriptExecArgv())
  idleWorkers.delete(parked)
  // park's own listeners: nothing else listens to a worker of the pool.
  parked.removeAllListeners('error').removeAllListeners('exit')
  return parked
}

export function startDocx(options: DocxJobOptions): DocxJob {
  const worker = takeWorker()
  const job = ++jobsStarted

  let outcome: {result: DocxResult} | {error: Error} | undefined
  let pending: {resolve: (result: DocxResult) => void; reject: (error: Error) => void} | undefined
  // `reusable`: the worker ended the job itself (done, or the writer's own error) and can take another.
  const settle = (settled: NonNullable<typeof outcome>, reusable: boolean): void => {
    if (outcome) return
    outcome = settled
    worker.off('message', onMessage)
    worker.off('error', onError)
    worker.off('exit', onExit)
    if (reusable) {
      park(worker)
    } else {
      void worker.terminate()
    }
    if (!pending) return
    if ('result' in settled) pending.resolve(settled.result)
    else pending.reject(settled.error)
  }
  const onMessage = (message: DocxJobMessage): void => {
    if (message.job !== job) return
    if (message.type === 'done') settle({result: {bytes: message.bytes, findings: message.findings, milliseconds: message.milliseconds}}, true)
    else settle({error: deserializeError(message.error)}, true)
  }
  // An error the worker did not catch: it could not load, or ran out of memory.
  const onError = (error: Error): void => settle({error}, false)
  const onExit = (code: number): void => settle({error: new Error(`The Word writer's worker stopped (exit code ${code}) before it finished`)}, false)
  worker.on('message', onMessage)
  worker.on('error', onError)
  worker.on('exit', onExit)
  // Working or waiting for the numbers, the worker does not keep the process
  // alive by itself, only while a `finish` is pending. (After the listeners:
  // listening for messages refs the worker again.)
  worker.unref()

  let written = false
  let finishing = false
  return {
    write(context) {
      if (written) throw new Error('write() was already called on this Word job')
      written = true
      const {document} = context
      const request: DocxJobRequest = {
        type: 'write',
        job,
        check: options.check,
        // The VFile does not survive a structured clone (its path is a getter): its path goes alone.
        document: {tree: document.tree, meta: document.meta, outline: document.outline, path: document.file.path},
        template: context.template,
        sourceDateEpoch: context.sourceDateEpoch,
        projectRoot: context.projectRoot,
        sourceDirectory: context.sourceDirectory
      }
      worker.postMessage(request)
    },
    finish(tocPages) {
      if (finishing) return Promise.reject(new Error('finish() was already called on this Word job'))
      if (!written) return Promise.reject(new Error('finish() was called on a Word job given no document (write)'))
      finishing = true
      return new Promise<DocxResult>((resolve, reject) => {
        if (outcome) {
          if ('result' in outcome) resolve(outcome.result)
          else reject(outcome.error)
          return
        }
        pending = {resolve, reject}
        worker.ref()
        const request: DocxJobRequest = {type: 'finish', job, tocPages}
        worker.postMessage(request)
      })
    },
    cancel() {
      settle({error: new Error('The Word copy was cancelled')}, false)
    }
  }
}

/**
 * worker.js beside this file (dist/write/docx/, or dist/bundle/ in the
 * command's bundle, which has an entry of that name). Run from the TypeScript sources (the tests do,
 * through vitest), it is worker.ts, which Node cannot load by itself: the
 * test setup names a module that registers a loader for it in
 * PAIBAN_WORKER_TYPESCRIPT (test/helpers/typescript-register.mjs); a runner
 * such as tsx passes its own in `process.execArgv`, which workers inherit.
 */
const fromSources = import.meta.url.endsWith('.ts')
const workerEntry = new URL(fromSources ? './worker.ts' : './worker.js', import.meta.url)

function typescriptExecArgv(): {execArgv?: string[]} {
  const register = process.env['PAIBAN_WORKER_TYPESCRIPT']
  return fromSources && register && !process.execArgv.includes(register) ? {execArgv: [...process.execArgv, '--import', register]} : {}
}
