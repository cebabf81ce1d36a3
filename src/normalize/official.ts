import type {Paragraph, Root} from 'mdast'
import type {ContainerDirective} from 'mdast-util-directive'
import {isSentenceEnd} from './characters.js'
import {originsUnder, plainText, spanOf} from './phrasing.js'
import {report, type NormalizeState} from './report.js'
import {outlineNumbering} from './structure.js'

/**
 * 公文 elements (GB/T 9704-2012 §7.3) → `:::addressee`, `:::attachments`,
 * `:::signature`, `:::date` containers (docs/model.md), so templates can
 * place them. The title is the front matter's (plain-text.ts).
 *
 * Each is recognised by what it says and where it stands, and only when
 * both agree; a line that has the shape but not the content (a first line
 * ending in ： that names no office, a date at the end with nothing to sign
 * it) stays a paragraph and is reported as `ambiguous-official`.
 *
 * - 主送: the first paragraph (after a 发文字号 line, if any) that ends in ：,
 *   has no sentence end, and lists offices — at least one item, split at
 *   、，, ends like one (处室, 单位, 政府, 局 …). A 称呼 that names people
 *   (同志们：, 各位代表：) is not one and is not reported.
 * - 附件说明: a paragraph "附件：…" whose names have no sentence end, and
 *   the numbered lines after it that go on counting ("附件：1.…", "2.…").
 * - 成文日期: the last paragraph (before a 附注 in brackets), a full date
 *   (2026年3月25日, 二〇二六年三月二十五日).
 * - 署名: up to three short lines right above that date with no
 *   punctuation but 、（）· (joint issuers one a line), not numbered, not a
 *   closing formula (此致 敬礼 特此通知).
 */
export function markOfficialElements(tree: Root, state: NormalizeState, enabled: (ruleId: string) => boolean): void {
  const present = new Set(tree.children.flatMap((node) => node.type === 'containerDirective' ? [node.name] : []))
  const fix = enabled('official-element')
  const ambiguous = enabled('ambiguous-official')
  if (!present.has('addressee')) markAddressee(tree, state, fix, ambiguous)
  if (!present.has('attachments')) markAttachments(tree, state, fix, ambiguous)
  if (!present.has('date') && !present.has('signature')) markClosing(tree, state, fix, ambiguous, present.has('addressee'))
}

/** Offices a 主送 names end like these (GB/T 9704 §7.3.2: 主送机关, 使用全称、规范化简称或者同类型机关统称). */
const officeEnding = /(?:单位|部门|处室|科室|机关|机构|政府|党委|党组|委员会|人大|政协|法院|检察院|办公室|办公厅|中心|公司|集团|企业|学校|高校|院校|医院|街道|乡镇|社区|支部|总支|组织|学会|协会|[局厅署办委院校所部处科室组队站馆省市区县镇乡村团会])$/u

/** Words that make a line ending in ： a 称呼 of people, not a 主送. */
const personWords = /同志|们|各位|女士|先生|朋友|老师|同学|代表|来宾|领导/u

/** Words of a sentence that leads into a list ("现将有关事项通知如下：", "召开座谈会："), not of a list of offices. */
const sentenceWords = /如下|以下|现就|现将|关于|为了|根据|通知|要求|召开|做到|包括|主要|具体/u

/** 发文字号, e.g. 某机管发〔2026〕3号: may stand between title and 主送. */
const documentNumber = /〔\d{4}〕\d+号$/u

function markAddressee(tree: Root, state: NormalizeState, fix: boolean, ambiguous: boolean): void {
  let index = 0
  const first = tree.children[0]
  if (first?.type === 'paragraph' && documentNumber.test(plainText(first))) index = 1
  const node = tree.children[index]
  if (node?.type !== 'paragraph') return
  const text = plainText(node)
  if (!text.endsWith('：') || text.length > 100 || [...text].some((character) => isSentenceEnd(character) || character === '；')) return
  if (outlineNumbering(text) || personWords.test(text) || sentenceWords.test(text)) return
  const items = text.slice(0, -1).split(/[、，,]/u).map((item) => item.trim())
  if (items.some((item) => officeEnding.test(item)) && items.every((item) => item.length > 0 && item.length <= 30)) {
    if (fix) wrap(tree, index, 1, 'addressee', state)
  } else if (ambiguous && (items.length > 1 || text.length <= 8)) {
    // A list of names, or one short name: a 主送 written for people, or a typo. A longer line is a lead-in sentence.
    reportAmbiguous(state, node, `Unexpected \`${text}\` in the 主送 place that names no office, kept as a paragraph: if it is the 主送 line, write it inside \`:::addressee\``)
  }
}

/** The roles model/official.ts reads (the model imports nothing from here, so the list is its own). */
export const officialRoles = ['addressee', 'attachments', 'signature', 'date'] as const

function markAttachments(tree: Root, state: NormalizeState, fix: boolean, ambiguous: boolean): void {
  for (let index = 0; index < tree.children.length; index++) {
    const node = tree.children[index]
    if (node?.type !== 'paragraph') continue
    const text = plainText(node)
    const match = /^附件[：:]\s*(?:(\d{1,2})[.．、])?/u.exec(text)
    if (!match) continue
    if (hasSentenceEnd(text)) {
      if (ambiguous) reportAmbiguous(state, node, `Unexpected sentence in \`${text}\`, kept as a paragraph: a 附件说明 names attachments only, without 。; if it is one, write it inside \`:::attachments\``)
      continue
    }
    // "附件：" alone, or "附件：1.…": numbered lines after it go on counting.
    const numbered = match[1] !== undefined || text.length === match[0].length
    let next = match[1] === undefined ? 1 : Number(match[1]) + 1
    let count = 1
    while (numbered) {
      const item = tree.children[index + count]
      if (item?.type !== 'paragraph') break
      const itemText = plainText(item)
      const number = /^(\d{1,2})[.．、]/u.exec(itemText)
      if (!number || Number(number[1]) !== next || hasSentenceEnd(itemText)) break
      next++
      count++
    }
    if (fix) wrap(tree, index, count, 'attachments', state)
    return
  }
}

/** Dates as 公文 write them: Arabic (GB/T 9704-2012) or, in older texts, Han numerals with 〇. */
const datePattern = /^(?:\d{4}年\d{1,2}月\d{1,2}日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)$/u

/** 附注 after the date: "（此件公开发布）". */
const notePattern = /^（[^（）]+）$/u

export const closingFormulas = /^(?:此致|敬礼|特此通知|特此通报|特此函告|特此函复|特此报告|特此批复)/u

function markClosing(tree: Root, state: NormalizeState, fix: boolean, ambiguous: boolean, hasAddressee: boolean): void {
  let dateIndex = lastParagraphIndex(tree, tree.children.length - 1)
  const last = tree.children[dateIndex]
  if (last?.type === 'paragraph' && notePattern.test(plainText(last))) dateIndex = lastParagraphIndex(tree, dateIndex - 1)
  const date = tree.children[dateIndex]
  if (date?.type !== 'paragraph' || !datePattern.test(plainText(date))) return
  let signatureStart = dateIndex
  while (signatureStart > 0 && dateIndex - signatureStart < 3) {
    const line = tree.children[signatureStart - 1]
    if (line?.type !== 'paragraph' || !isSignatureLine(plainText(line))) break
    signatureStart--
  }
  // A date alone at the end is a 成文日期 only in a text with a 主送; elsewhere it may be the body's.
  if (signatureStart === dateIndex && !hasAddressee) {
    if (ambiguous) reportAmbiguous(state, date, `Unexpected date \`${plainText(date)}\` at the end with no signature above it, kept as a paragraph: if it is the 成文日期, write it inside \`:::date\``)
    return
  }
  if (!fix) return
  wrap(tree, dateIndex, 1, 'date', state)
  if (signatureStart < dateIndex) wrap(tree, signatureStart, dateIndex - signatureStart, 'signature', state)
}

function isSignatureLine(text: string): boolean {
  if (text.length < 2 || text.length > 40 || outlineNumbering(text) || closingFormulas.test(text) || datePattern.test(text)) return false
  return /^[\p{Script=Han}\p{L}\p{N}、（）·\u3000 ]+$/u.test(text)
}

function lastParagraphIndex(tree: Root, from: number): number {
  // Thematic breaks and HTML comments do not count as text.
  let index = from
  while (index >= 0 && (tree.children[index]?.type === 'html' || tree.children[index]?.type === 'thematicBreak')) index--
  return index
}

function hasSentenceEnd(text: string): boolean {
  return [...text].some((character) => isSentenceEnd(character))
}

/** Replace `count` paragraphs from `index` with one container holding them. */
function wrap(tree: Root, index: number, count: number, name: string, state: NormalizeState): void {
  const paragraphs = tree.children.slice(index, index + count).filter((node): node is Paragraph => node.type === 'paragraph')
  const container: ContainerDirective = {type: 'containerDirective', name, attributes: {}, children: paragraphs}
  const origins = paragraphs.flatMap((paragraph) => originsUnder(paragraph.children, state))
  const span = spanOf(origins, state)
  if (span) container.position = span
  tree.children.splice(index, count, container)
  const text = paragraphs.map((paragraph) => plainText(paragraph)).join('\n')
  report(state, {
    ruleId: 'official-element',
    reason: `Unexpected ${officialNames[name] ?? name} \`${text.replace(/\n/gu, ' ')}\` as ${count === 1 ? 'a paragraph' : 'paragraphs'}, expected \`:::${name}\``,
    start: span?.start.offset ?? 0,
    end: span?.end.offset,
    actual: text,
    expected: `:::${name}\n${paragraphs.map((paragraph) => plainText(paragraph)).join('\n\n')}\n:::`
  })
}

const officialNames: Readonly<Record<string, string>> = {addressee: '主送 line', attachments: '附件说明', signature: 'signature', date: '成文日期'}

function reportAmbiguous(state: NormalizeState, node: Paragraph, reason: string): void {
  const origins = originsUnder(node.children, state)
  report(state, {ruleId: 'ambiguous-official', reason, start: origins[0] ?? 0, end: (origins[origins.length - 1] ?? 0) + 1})
}
