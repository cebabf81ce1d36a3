import {parentPort} from 'node:worker_threads'
import {VFile} from 'vfile'
import {checkDocxText} from '../../check/docx.js'
import {docxTextOf} from '../../check/docx-text.js'
import type {CheckFinding} from '../../check/index.js'
import type {BuildContext} from '../../context.js'
import {draftDocx, draftText, packDocx, prepackDocx, type DocxDraft} from './index.js'
import {serializeError, type DocxJobMessage, type DocxJobRequest} from './job-messages.js'

/**
 * The Word writer's worker (started by job.ts). It loads its code while the
 * build parses the text; given a document, it writes the whole Word copy
 * but for the 目录's page numbers, runs its preflight and compresses every
 * part but document.xml while the build makes the HTML and prints the PDF;
 * given the numbers, it fills them in, zips and posts the bytes back
 * (transferred, not copied). Then it waits for the next job: each message
 * names its job, and a worker has one at a time.
 */

const port = parentPort
if (!port) throw new Error('write/docx/worker.js runs as a worker thread (job.ts starts it)')

type WriteRequest = Extract<DocxJobRequest, {type: 'write'}>

/** Time spent working on a job, not waiting: the build reports it as the 'docx' phase. */
interface Clock {
  milliseconds: number
}

/** Jobs under way, by their number: each one's draft and clock. */
const jobs = new Map<number, {drafted: Promise<{draft: DocxDraft; findings: CheckFinding[]}>; busy: Clock}>()

async function timed<T>(busy: Clock, work: () => T | Promise<T>): Promise<T> {
  const started = performance.now()
  try {
    return await work()
  } finally {
    busy.milliseconds += performance.now() - started
  }
}

/** A job's one answer; the job is done with then. */
function post(job: number, message: DocxJobMessage, transfer: ArrayBuffer[] = []): void {
  if (!jobs.delete(job)) return
  port?.postMessage(message, transfer)
}

/** Write everything the 目录's numbers do not change. */
async function draft(request: WriteRequest): Promise<{draft: DocxDraft; findings: CheckFinding[]}> {
  const context: BuildContext = {
    document: {...request.document, file: new VFile({path: request.document.path})},
    template: request.template,
    sourceDateEpoch: request.sourceDateEpoch,
    projectRoot: request.projectRoot,
    sourceDirectory: request.sourceDirectory
  }
  const drafted = await draftDocx(context)
  // The preflight reads the body and the footnotes, which the numbers do not change.
  const findings = request.check ? checkDocxText(docxTextOf(draftText(drafted)), context) : []
  prepackDocx(drafted)
  return {draft: drafted, findings}
}

port.on('message', (request: DocxJobRequest) => {
  const {job: id} = request
  if (request.type === 'write') {
    if (jobs.has(id)) return
    const busy: Clock = {milliseconds: 0}
    const drafted = timed(busy, () => draft(request))
    jobs.set(id, {drafted, busy})
    // A failure is posted at once; the build reports it when it asks for the file.
    drafted.catch((error: unknown) => post(id, {type: 'failed', job: id, error: serializeError(error)}))
    return
  }
  const job = jobs.get(id)
  if (!job) return port.postMessage({type: 'failed', job: id, error: serializeError(new Error('The Word job was finished before it was given a document'))} satisfies DocxJobMessage)
  job.drafted
    .then(async (result) => {
      const bytes = await timed(job.busy, () => packDocx(result.draft, request.tocPages))
      // Transfer the zip's own buffer; a view into a larger one is copied first.
      const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice()
      post(id, {type: 'done', job: id, bytes: owned, findings: result.findings, milliseconds: job.busy.milliseconds}, [owned.buffer as ArrayBuffer])
    })
    .catch((error: unknown) => post(id, {type: 'failed', job: id, error: serializeError(error)}))
})
