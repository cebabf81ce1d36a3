import {Worker} from 'node:worker_threads'
import type {CheckFinding} from '../../check/index.js'
import type {BuildContext} from '../../context.js'
import {deserializeError, type DocxJobInput, type DocxJobMessage, type FinishMessage} from './job-messages.js'

/**
 * The Word copy, written off the main thread (worker.ts), so the build's
 * main thread stays free to answer Chromium's requests and stream the PDF.
 * Start it as soon as the document is parsed; it writes everything but the
 * 目录's page numbers (and runs the Word preflight) while the HTML is made and
 * the PDF prints, then `finish` gives it the numbers.
 */
export interface DocxJob {
  /**
   * Give the 目录's page numbers (undefined: none, the field is marked dirty)
   * and get the finished file, and the preflight's findings when `check` was
   * asked. Rejects with the writer's error (a PaibanError stays one, with its
   * code, hint and place). Call it once.
   */
  finish(tocPages: ReadonlyMap<string, number> | undefined): Promise<DocxResult>
  /** Stop the worker (the build failed elsewhere). A `finish` still pending rejects. */
  cancel(): void
}

export interface DocxResult {
  bytes: Uint8Array
  findings: CheckFinding[]
  /** Time the worker spent writing and checking, not counting the wait for the page numbers. */
  milliseconds: number
}

export function startDocx(context: BuildContext, options: {check: boolean}): DocxJob {
  const {document} = context
  const input: DocxJobInput = {
    document: {tree: document.tree, meta: document.meta, outline: document.outline, path: document.file.path},
    template: context.template,
    sourceDateEpoch: context.sourceDateEpoch,
    projectRoot: context.projectRoot,
    sourceDirectory: context.sourceDirectory,
    check: options.check
  }
  const worker = new Worker(workerEntry, {workerData: input, ...typescriptExecArgv()})

  let outcome: {result: DocxResult} | {error: Error} | undefined
  let pending: {resolve: (result: DocxResult) => void; reject: (error: Error) => void} | undefined
  let finishing = false
  const settle = (settled: NonNullable<typeof outcome>): void => {
    if (outcome) return
    outcome = settled
    void worker.terminate()
    if (!pending) return
    if ('result' in settled) pending.resolve(settled.result)
    else pending.reject(settled.error)
  }
  worker.on('message', (message: DocxJobMessage) => {
    if (message.type === 'done') settle({result: {bytes: message.bytes, findings: message.findings, milliseconds: message.milliseconds}})
    else settle({error: deserializeError(message.error)})
  })
  // An error the worker did not catch: it could not load, or ran out of memory.
  worker.on('error', (error) => settle({error}))
  worker.on('exit', (code) => settle({error: new Error(`The Word writer's worker stopped (exit code ${code}) before it finished`)}))
  // Working or waiting for the numbers, the worker does not keep the process
  // alive by itself, only while a `finish` is pending. (After the listeners:
  // listening for messages refs the worker again.)
  worker.unref()

  return {
    finish(tocPages) {
      if (finishing) return Promise.reject(new Error('finish() was already called on this Word job'))
      finishing = true
      return new Promise<DocxResult>((resolve, reject) => {
        if (outcome) {
          if ('result' in outcome) resolve(outcome.result)
          else reject(outcome.error)
          return
        }
        pending = {resolve, reject}
        worker.ref()
        const message: FinishMessage = {type: 'finish', tocPages}
        worker.postMessage(message)
      })
    },
    cancel() {
      settle({error: new Error('The Word copy was cancelled')})
    }
  }
}

/**
 * worker.js beside this file. Run from the TypeScript sources (the tests do,
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
