import type {Paragraph, Root, Text} from 'mdast'
import {isSentenceEnd} from './characters.js'
import {outlineNumbering} from './structure.js'
import {originsUnder, plainText} from './phrasing.js'
import {positionOf, report, type NormalizeState} from './report.js'

/**
 * Plain text (.txt) → mdast: every line that is not blank is a paragraph
 * (Chinese texts from Word, WeChat and web pages put one paragraph on a
 * line). Nothing in the text is markup: `**`, `#`, `1. ` are characters, and
 * the Markdown writer escapes them.
 */
export function readPlainText(input: string, state: NormalizeState): Root {
  const tree: Root = {type: 'root', children: []}
  let offset = 0
  for (const line of input.split('\n')) {
    const start = offset
    offset += line.length + 1
    // Lines of ordinary spaces only separate paragraphs; no-break and
    // zero-width spaces on a line of their own are reported and removed.
    if (/^[ \t\u3000]*$/u.test(line)) continue
    const origins = Array.from({length: line.length}, (_, index) => start + index)
    const position = positionOf(state, start, start + line.length)
    const text: Text = {type: 'text', value: line, position}
    state.origins.set(text, origins)
    const paragraph: Paragraph = {type: 'paragraph', children: [text], position}
    tree.children.push(paragraph)
  }
  return tree
}

/**
 * A first line that reads as a title (short, no sentence end, not numbered,
 * not a date in brackets) moves into the front matter, when no title was
 * given or the given title is that line.
 */
export function takeTitleLine(tree: Root, givenTitle: string | undefined, state: NormalizeState): string | undefined {
  const first = tree.children[0]
  if (first?.type !== 'paragraph' || tree.children.length < 2) return undefined
  const text = plainText(first)
  if (givenTitle !== undefined && givenTitle !== text) return undefined
  if (!looksLikeTitle(text)) return undefined
  tree.children.shift()
  const origins = originsUnder(first.children, state)
  report(state, {
    ruleId: 'title-line',
    reason: `Unexpected title line \`${text}\` in the body, expected it as the front matter \`title\``,
    start: origins[0] ?? 0,
    end: (origins[origins.length - 1] ?? 0) + 1,
    actual: text,
    expected: `title: ${text}`,
    severity: 'info'
  })
  return text
}

function looksLikeTitle(text: string): boolean {
  if (text.length === 0 || text.length > 40) return false
  if ([...text].some((character) => isSentenceEnd(character) || character === '；')) return false
  if ('，：、,:'.includes(text[text.length - 1] ?? '')) return false
  if (/^[（(]/u.test(text) || outlineNumbering(text)) return false
  return true
}
