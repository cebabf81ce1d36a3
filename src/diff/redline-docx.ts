import type {BuildContext} from '../context.js'
import {writeDocx} from '../write/docx/index.js'
import type {RevisionAuthor} from '../write/docx/revision.js'

/**
 * The redline as a Word document: the merged tree through the Word writer,
 * in the document's template and styles, with every change a tracked change
 * (`w:ins`/`w:del`, this author and date, unique ids). Accept All gives the
 * newer text, Reject All the older; unchanged paragraphs carry no marks.
 */
export async function writeRedlineDocx(context: BuildContext, author: RevisionAuthor): Promise<Uint8Array> {
  return writeDocx(context, {revisions: author})
}
