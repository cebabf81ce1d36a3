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
 *
 * A 公文 title too long for one line is often typed on two, broken as it
 * is printed (GB/T 9704 §7.2.5: 梯形或菱形): "…关于开展" / "…的通知". Two
 * title-like lines of which only the second ends with the kind of document
 * (通知, 意见, 办法 …) are one title.
 */
export function takeTitleLine(tree: Root, givenTitle: string | undefined, state: NormalizeState): string | undefined {
  const first = tree.children[0]
  if (first?.type !== 'paragraph' || tree.children.length < 2) return undefined
  const second = tree.children[1]
  const firstText = plainText(first)
  const secondText = second?.type === 'paragraph' ? plainText(second) : ''
  const twoLines = tree.children.length > 2 && looksLikeTitle(firstText) && looksLikeTitle(secondText) &&
    !documentKind.test(firstText) && documentKind.test(secondText) && firstText.length + secondText.length <= 60
  const lines = twoLines && second?.type === 'paragraph' ? [first, second] : [first]
  const text = lines.map((line) => plainText(line)).join('')
  if (givenTitle !== undefined && givenTitle !== text) return undefined
  if (!twoLines && !looksLikeTitle(text)) return undefined
  tree.children.splice(0, lines.length)
  const origins = lines.flatMap((line) => originsUnder(line.children, state))
  report(state, {
    ruleId: 'title-line',
    reason: `Unexpected title ${lines.length === 1 ? 'line' : 'lines'} \`${text}\` in the body, expected it as the front matter \`title\``,
    start: origins[0] ?? 0,
    end: (origins[origins.length - 1] ?? 0) + 1,
    actual: lines.map((line) => plainText(line)).join('\n'),
    expected: `title: ${text}`,
    severity: 'info'
  })
  return text
}

/** The kinds of 公文 (党政机关公文处理工作条例 §8) and of study texts a title ends with. */
const documentKind = /(?:决议|决定|命令|公报|公告|通告|意见|通知|通报|报告|请示|批复|议案|函|纪要|办法|规定|细则|规则|方案|要点|计划|总结|提纲|讲话)$/u

function looksLikeTitle(text: string): boolean {
  if (text.length === 0 || text.length > 40) return false
  if ([...text].some((character) => isSentenceEnd(character) || character === '；')) return false
  if ('，：、,:'.includes(text[text.length - 1] ?? '')) return false
  if (/^[（(]/u.test(text) || outlineNumbering(text)) return false
  return true
}
