import type {Nodes, Paragraph, Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Plugin} from 'unified'
import type {LeadSentence} from './types.js'

/**
 * Enumerators that open a run-in point: 一要 二是 第三，(一) etc.
 * Only a strong span that starts with one of them is a lead sentence; any
 * other bold text stays emphasis.
 */
export const enumeratorPattern = /^(?:[一二三四五六七八九十]+(?:要|是|则|来|方面)|第[一二三四五六七八九十]+[，、：]?|（[一二三四五六七八九十]+）|首先|其次|再次|最后)/

/**
 * Turn a paragraph's opening `**…**` into a `leadSentence` node when it opens
 * a run-in point ("**一要强化理论学习，筑牢信仰之基**。要坚持…").
 */
export function markLeadSentences(tree: Root): void {
  forEachParagraph(tree, (paragraph) => {
    const first = paragraph.children[0]
    if (!first || first.type !== 'strong') return
    if (!enumeratorPattern.test(toString(first))) return
    const lead: LeadSentence = {type: 'leadSentence', children: first.children}
    if (first.position) lead.position = first.position
    paragraph.children[0] = lead
  })
}

/**
 * Every paragraph, in document order. A paragraph holds only phrasing content,
 * never another paragraph, so the walk does not go into it: most of a book's
 * nodes are the text inside its paragraphs.
 */
function forEachParagraph(node: Nodes, callback: (paragraph: Paragraph) => void): void {
  if (node.type === 'paragraph') {
    callback(node)
    return
  }
  if ('children' in node) for (const child of node.children) forEachParagraph(child, callback)
}

/** unified plugin: see markLeadSentences. */
const remarkLeadSentence: Plugin<[], Root> = function () {
  return (tree) => {
    markLeadSentences(tree)
  }
}

export default remarkLeadSentence
