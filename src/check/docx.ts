import type {CheckFinding, CheckInput} from './index.js'
import {readDocxText, type DocxText} from './docx-text.js'
import {findLostText, lostFinding} from './rules/lost-text.js'
import {sourceBlocks, squash} from './source-text.js'

/** The Word copy's preflight, on the file. */
export function checkDocx(bytes: Uint8Array, input: CheckInput): CheckFinding[] {
  return checkDocxText(readDocxText(bytes), input)
}

/**
 * The Word copy's preflight on its text: every block of the source, in order,
 * in its body paragraphs, and every footnote in its footnotes. The Word writer
 * calls this on the XML it has (`docxTextOf`), without zipping and unzipping.
 */
export function checkDocxText(text: DocxText, {document}: CheckInput): CheckFinding[] {
  const blocks = sourceBlocks(document.tree, document.meta, {withTitle: true})
  const findings: CheckFinding[] = []
  const body = findLostText(blocks.filter((block) => !block.footnote), squash(text.paragraphs.join('')))
  if (body) findings.push(lostFinding(document, body, 'Word copy'))
  const notes = findLostText(blocks.filter((block) => block.footnote), squash(text.footnotes.join('')))
  if (notes) findings.push(lostFinding(document, notes, 'Word copy’s footnotes'))
  return findings
}
