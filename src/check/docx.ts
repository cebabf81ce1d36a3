import type {CheckFinding, CheckInput} from './index.js'
import {docxTextOf, readDocxText, type DocxXml} from './docx-text.js'
import {findLostText, lostFinding} from './rules/lost-text.js'
import {sourceBlocks, squash} from './source-text.js'

/**
 * The Word copy's preflight: every block of the source, in order, in its body
 * paragraphs, and every footnote in its footnotes. `xml`: the parts the text
 * is read from, when the caller has them as text (the Word writer does), so
 * the file is not unzipped again; they must be the file's own.
 */
export function checkDocx(bytes: Uint8Array, {document}: CheckInput, xml?: DocxXml): CheckFinding[] {
  const text = xml ? docxTextOf(xml) : readDocxText(bytes)
  const blocks = sourceBlocks(document.tree, document.meta, {withTitle: true})
  const findings: CheckFinding[] = []
  const body = findLostText(blocks.filter((block) => !block.footnote), squash(text.paragraphs.join('')))
  if (body) findings.push(lostFinding(document, body, 'Word copy'))
  const notes = findLostText(blocks.filter((block) => block.footnote), squash(text.footnotes.join('')))
  if (notes) findings.push(lostFinding(document, notes, 'Word copy’s footnotes'))
  return findings
}
