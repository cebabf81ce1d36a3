import {parentPort, workerData} from 'node:worker_threads'
import {VFile} from 'vfile'
import {checkDocx} from '../../check/docx.js'
import type {CheckFinding} from '../../check/index.js'
import type {BuildContext} from '../../context.js'
import {draftDocx, draftText, packDocx, prepackDocx, type DocxDraft} from './index.js'
import {serializeError, type DocxJobInput, type DocxJobMessage, type FinishMessage} from './job-messages.js'

/**
 * The Word writer's worker (started by job.ts): it writes the whole Word copy
 * but for the 目录's page numbers and runs its preflight while the build
 * makes the HTML and prints the PDF, then waits for the numbers, fills them
 * in, zips and posts the bytes back (transferred, not copied). It ends after
 * posting, whether it finished or failed.
 */

const port = parentPort
if (!port) throw new Error('write/docx/worker.js runs as a worker thread (job.ts starts it)')
const input = workerData as DocxJobInput

const context: BuildContext = {
  document: {...input.document, file: new VFile({path: input.document.path})},
  template: input.template,
  sourceDateEpoch: input.sourceDateEpoch,
  projectRoot: input.projectRoot,
  sourceDirectory: input.sourceDirectory
}

/** Time spent working, not waiting for the numbers: the build reports it as the 'docx' phase. */
let busy = 0
async function timed<T>(work: () => T | Promise<T>): Promise<T> {
  const started = performance.now()
  try {
    return await work()
  } finally {
    busy += performance.now() - started
  }
}

const drafted: Promise<{draft: DocxDraft; findings: CheckFinding[]}> = timed(async () => {
  const draft = await draftDocx(context)
  // The preflight reads the body and the footnotes, which the 目录's numbers do not change.
  const findings = input.check ? checkDocx(new Uint8Array(), context, draftText(draft)) : []
  // Everything but document.xml can be compressed before the numbers come.
  prepackDocx(draft)
  return {draft, findings}
})

let posted = false
function post(message: DocxJobMessage, transfer: ArrayBuffer[] = []): void {
  if (posted) return
  posted = true
  port?.postMessage(message, transfer)
  port?.close()
}

// A failure is posted at once; the build reports it when it asks for the file.
drafted.catch((error: unknown) => post({type: 'failed', error: serializeError(error)}))

port.once('message', (message: FinishMessage) => {
  drafted
    .then(async ({draft, findings}) => {
      const bytes = await timed(() => packDocx(draft, message.tocPages))
      // Transfer the zip's own buffer; a view into a larger one is copied first.
      const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice()
      post({type: 'done', bytes: owned, findings, milliseconds: busy}, [owned.buffer as ArrayBuffer])
    })
    .catch((error: unknown) => post({type: 'failed', error: serializeError(error)}))
})
