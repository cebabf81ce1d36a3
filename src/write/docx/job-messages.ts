import type {Root} from 'mdast'
import type {CheckFinding} from '../../check/index.js'
import {PaibanError, type PaibanErrorCode} from '../../errors.js'
import type {DocumentMeta, OutlineEntry} from '../../model/types.js'
import type {ResolvedTemplate} from '../../template/resolve.js'

/**
 * What passes between the build (job.ts) and the Word writer's worker
 * (worker.ts). Everything here survives a structured clone: the tree, meta
 * and outline are plain data, the template too; the VFile is not (its `path`
 * is a getter), so its path travels alone.
 */

/** A job's options (startDocx). */
export interface DocxJobOptions {
  /** Run the Word preflight (check/docx.ts) on the copy. */
  check: boolean
}

/**
 * Build → worker: first the document to write, then the 目录's page numbers.
 * `job` tells one job from the next a worker is given.
 */
export type DocxJobRequest =
  | {
      type: 'write'
      job: number
      /** Run the Word preflight (check/docx.ts) on the copy. */
      check: boolean
      document: {tree: Root; meta: DocumentMeta; outline: OutlineEntry[]; path: string}
      template: ResolvedTemplate
      sourceDateEpoch: number
      projectRoot: string
      sourceDirectory: string
    }
  /** The numbers by outline id, or undefined for none (the field is marked dirty). */
  | {type: 'finish'; job: number; tocPages: ReadonlyMap<string, number> | undefined}

/** Worker → build. */
export type DocxJobMessage =
  | {type: 'done'; job: number; bytes: Uint8Array; findings: CheckFinding[]; milliseconds: number}
  | {type: 'failed'; job: number; error: SerializedError}

/**
 * An error as it crosses threads. A structured clone keeps an Error's message
 * and stack but drops its own fields (a PaibanError's code, hint, place), so
 * they are written out and the error made again on the other side.
 */
export interface SerializedError {
  name: string
  message: string
  stack: string | undefined
  paiban?: {code: PaibanErrorCode; hint: string | undefined; place: string | undefined}
  cause?: SerializedError
}

export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return {name: 'Error', message: String(error), stack: undefined}
  const cause = error.cause !== undefined && depth < 3 ? {cause: serializeError(error.cause, depth + 1)} : {}
  const paiban = error instanceof PaibanError ? {paiban: {code: error.code, hint: error.hint, place: error.place}} : {}
  return {name: error.name, message: error.message, stack: error.stack, ...paiban, ...cause}
}

/** The error again, of the same kind, with the same message, code, hint and place; its stack is the worker's. */
export function deserializeError(serialized: SerializedError): Error {
  const cause = serialized.cause ? deserializeError(serialized.cause) : undefined
  const error = serialized.paiban
    ? new PaibanError(serialized.paiban.code, serialized.message, {
        ...(serialized.paiban.hint === undefined ? {} : {hint: serialized.paiban.hint}),
        ...(serialized.paiban.place === undefined ? {} : {place: serialized.paiban.place}),
        ...(cause === undefined ? {} : {cause})
      })
    : new Error(serialized.message, cause === undefined ? undefined : {cause})
  if (!serialized.paiban) error.name = serialized.name
  if (serialized.stack !== undefined) error.stack = serialized.stack
  return error
}
