import {parentPort, workerData} from 'node:worker_threads'
import {VFile} from 'vfile'
import {checkDocxText} from '../../check/docx.js'
import {docxTextOf} from '../../check/docx-text.js'
import type {CheckFinding} from '../../check/index.js'
import type {BuildContext} from '../../context.js'
import {draftDocx, draftText, packDocx, prepackDocx, type DocxDraft} from './index.js'
import {serializeError, type DocxJobMessage, type DocxJobOptions, type DocxJobRequest} from './job-messages.js'

/**
 * The Word writer's worker (started by job.ts). It loads its code while the
 * build parses the text; given the document, it writes the whole Word copy
 * but for the 目录's page numbers, runs its preflight and compresses every
 * part but document.xml while the build makes the HTML and prints the PDF;
 * given the numbers, it fills them in, zips and posts the bytes back
 * (transferred, not copied). It ends after posting, whether it finished or failed.
 */

const port = parentPort
if (!port) throw new Error('write/docx/worker.js runs as a worker thread (job.ts starts it)')
const options = workerData as DocxJobOptions

/** Time spent working, not waiting: the build reports it as the 'docx' phase. */
let busy = 0
async function timed<T>(work: () => T | Promise<T>): Promise<T> {
  const started = performance.now()
  try {
    return await work()
  } finally {
    busy += performance.now() - started
  }
}

let posted = false
function post(message: DocxJobMessage, transfer: ArrayBuffer[] = []): void {
  if (posted) return
  posted = true
  port?.postMessage(message, transfer)
  port?.close()
}

/** Write everything the 目录's numbers do not change. */
async function draft(request: Extract<DocxJobRequest, {type: 'write'}>): Promise<{draft: DocxDraft; findings: CheckFinding[]}> {
  const context: BuildContext = {
    document: {...request.document, file: new VFile({path: request.document.path})},
    template: request.template,
    sourceDateEpoch: request.sourceDateEpoch,
    projectRoot: request.projectRoot,
    sourceDirectory: request.sourceDirectory
  }
  const drafted = await draftDocx(context)
  // The preflight reads the body and the footnotes, which the numbers do not change.
  const findings = options.check ? checkDocxText(docxTextOf(draftText(drafted)), context) : []
  prepackDocx(drafted)
  return {draft: drafted, findings}
}

let drafted: Promise<{draft: DocxDraft; findings: CheckFinding[]}> | undefined

port.on('message', (request: DocxJobRequest) => {
  if (request.type === 'write') {
    drafted ??= timed(() => draft(request))
    // A failure is posted at once; the build reports it when it asks for the file.
    drafted.catch((error: unknown) => post({type: 'failed', error: serializeError(error)}))
    return
  }
  if (!drafted) return post({type: 'failed', error: serializeError(new Error('The Word job was finished before it was given a document'))})
  drafted
    .then(async (result) => {
      const bytes = await timed(() => packDocx(result.draft, request.tocPages))
      // Transfer the zip's own buffer; a view into a larger one is copied first.
      const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice()
      post({type: 'done', bytes: owned, findings: result.findings, milliseconds: busy}, [owned.buffer as ArrayBuffer])
    })
    .catch((error: unknown) => post({type: 'failed', error: serializeError(error)}))
})
