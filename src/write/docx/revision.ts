import {DeletedTextRun, InsertedTextRun, type IParagraphOptions, type IParagraphRunOptions, type IRunOptions} from 'docx'
import type {Data} from 'mdast'
import type {RevisionKind} from '../../model/types.js'

/**
 * Word tracked changes (ECMA-376 §17.13.5): what a redline (src/diff/) marks
 * as inserted or deleted becomes `w:ins`/`w:del` around runs, deleted text is
 * `w:delText`, and a block only one version has carries a paragraph-mark
 * revision (`w:pPr/w:rPr/w:ins`), so Accept All and Reject All remove the
 * whole paragraph and not only its text.
 */

/** Who made the changes of a redline and when: every revision carries both. */
export interface RevisionAuthor {
  author: string
  /** xsd:dateTime, e.g. `2024-03-01T08:00:00Z`. */
  date: string
}

/** The author, date and the next free revision id, for one document. */
export interface RevisionState extends Readonly<RevisionAuthor> {
  next: number
}

interface Change {
  id: number
  author: string
  date: string
}

/**
 * Revision ids start after the bookmark ids (finish.ts numbers bookmarks 1…n,
 * at most one per heading): Word wants annotation ids unique in the document.
 */
export function createRevisionState(author: RevisionAuthor, headings: number): RevisionState {
  return {author: author.author, date: author.date, next: headings + 1}
}

function nextChange(revisions: RevisionState): Change {
  return {id: revisions.next++, author: revisions.author, date: revisions.date}
}

/**
 * A run inside a tracked insertion or deletion: text (written as `w:delText`
 * when deleted), a line break, or other run content given as `children`.
 */
export function revisedTextRun(kind: RevisionKind, options: IRunOptions, revisions: RevisionState): InsertedTextRun | DeletedTextRun {
  const change = nextChange(revisions)
  return kind === 'inserted' ? new InsertedTextRun({...options, ...change}) : new DeletedTextRun({...options, ...change})
}

/**
 * Paragraph options for the paragraph mark: `run` as given (a run-in
 * heading's hidden mark), plus the revision of a block only one version has.
 */
export function paragraphMark(data: Data | undefined, revisions: RevisionState | undefined, run: IParagraphRunOptions = {}): Pick<IParagraphOptions, 'run'> {
  const kind = data?.revision
  if (!kind || !revisions) return Object.keys(run).length > 0 ? {run} : {}
  const change = nextChange(revisions)
  return {run: {...run, ...(kind === 'inserted' ? {insertion: change} : {deletion: change})}}
}

/** Table row options for a row only one version has (`w:trPr/w:ins`, `w:trPr/w:del`). */
export function rowMark(data: Data | undefined, revisions: RevisionState | undefined): {insertion?: Change; deletion?: Change} {
  const kind = data?.revision
  if (!kind || !revisions) return {}
  const change = nextChange(revisions)
  return kind === 'inserted' ? {insertion: change} : {deletion: change}
}
