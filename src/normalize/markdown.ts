import type {Nodes, Root} from 'mdast'
import {defaultHandlers} from 'mdast-util-to-markdown'
import remarkFrontmatter from 'remark-frontmatter'
import remarkContainerDirective from '../read/container-directive.js'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkStringify, {type Options as StringifyOptions} from 'remark-stringify'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'
import {originsUnder, plainText} from './phrasing.js'
import {report, type NormalizeState} from './report.js'

/**
 * Markdown in and out. The tree is written by mdast-util-to-markdown, which
 * escapes every character Markdown would read as markup (`**` redaction
 * marks, `#` or `1. ` at a line start, `<`, `[`, `|`); the written text is
 * then parsed again and must give back the same blocks and text.
 */

const stringifyOptions: StringifyOptions = {
  bullet: '-',
  listItemIndent: 'one',
  rule: '-',
  emphasis: '*',
  strong: '*',
  fences: true,
  handlers: {link: writeLink}
}

// The same extensions model/parse.ts reads with, so what we write is what it reads.
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(remarkContainerDirective).use(remarkStringify, stringifyOptions)

/**
 * Links as the default handler writes them, except that the autolink form
 * `<…>` is used only for what CommonMark reads back as that autolink. The
 * writer also uses it for `a@b.cn_Z` (no e-mail autolink: `_` in the
 * domain) and escapes a `\\` inside `<…>` where escapes do not work; either
 * way the text would change with every run.
 */
function writeLink(...[node, parent, state, info]: Parameters<typeof defaultHandlers.link>): string {
  if (safeAutolink(node.url)) return defaultHandlers.link(node, parent, state, info)
  const resourceLink = state.options.resourceLink
  state.options.resourceLink = true
  try {
    return defaultHandlers.link(node, parent, state, info)
  } finally {
    state.options.resourceLink = resourceLink
  }
}

// CommonMark 0.31 §6.5: e-mail autolinks, and URI autolinks without `\\`.
const emailAutolink = /^mailto:[\w.!#$%&'*+/=?^`{|}~-]+@[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?(?:\.[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?)*$/iu
const uriAutolink = /^[a-z][a-z\d+.-]{1,31}:[^\s<>\\\p{Cc}]*$/iu

function safeAutolink(url: string): boolean {
  return url.startsWith('mailto:') ? emailAutolink.test(url) : uriAutolink.test(url)
}

export function parseMarkdown(markdown: string): Root {
  return processor.parse(markdown)
}

export function stringifyMarkdown(tree: Root): string {
  return processor.stringify(tree)
}

/**
 * GFM reads URLs and e-mail addresses in text as links whatever the writer
 * escaped, and which ones it finds depends on what precedes them; read and
 * write until nothing changes, so normalizing the result changes nothing.
 */
export function settleMarkdown(markdown: string): string {
  let current = markdown
  for (let round = 0; round < 4; round++) {
    const next = stringifyMarkdown(parseMarkdown(current))
    if (next === current) break
    current = next
  }
  return current
}

/**
 * Parse the written Markdown back and compare block by block: type, level,
 * text, and where strong text is. A difference is a bug of ours that would
 * print other text than the source, so the file fails.
 *
 * With `reportEscapes` (plain text input), every character the writer had
 * to escape is reported as `markdown-escape` at its place in the input.
 */
export function checkRoundTrip(tree: Root, markdown: string, state: NormalizeState, reportEscapes: boolean): void {
  const reparsed = parseMarkdown(markdown)
  const ours = blocksOf(tree)
  const theirs = blocksOf(reparsed)
  const count = Math.max(ours.length, theirs.length)
  for (let index = 0; index < count; index++) {
    const expected = ours[index]
    const actual = theirs[index]
    if (expected?.signature === actual?.signature) continue
    state.file.fail(
      `Unexpected Markdown round trip: wrote \`${expected?.signature ?? '(nothing)'}\` but it reads back as \`${actual?.signature ?? '(nothing)'}\``,
      {place: expected?.node.position ?? null, ruleId: 'markdown-round-trip', source: 'paiban-normalize'}
    )
  }
  if (!reportEscapes) return
  ours.forEach((block, index) => {
    const back = theirs[index]
    if (back && (block.node.type === 'paragraph' || block.node.type === 'heading')) reportBlockEscapes(block.node, back.node, markdown, state)
  })
}

interface Block {
  node: Nodes
  signature: string
}

function blocksOf(tree: Root): Block[] {
  const blocks: Block[] = []
  visit(tree, (node) => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      let strong = 0
      visit(node, 'strong', () => {
        strong++
      })
      const lead = node.children[0]?.type === 'strong' ? `**${plainText(node.children[0])}**` : ''
      const depth = node.type === 'heading' ? node.depth : ''
      blocks.push({node, signature: `${node.type}${depth} ${lead}(${strong} strong) ${plainText(node)}`})
    } else if (node.type === 'containerDirective') {
      blocks.push({node, signature: `:::${node.name} (${node.children.length} blocks)`})
    } else if (node.type === 'code' || node.type === 'html' || node.type === 'yaml') {
      blocks.push({node, signature: `${node.type} ${node.value}`})
    }
  })
  return blocks
}

/** Find the escapes (`\*`, `&#x26;`) in the written block and report them at their input places. */
function reportBlockEscapes(ours: Nodes, written: Nodes, markdown: string, state: NormalizeState): void {
  const origins = originsUnder('children' in ours ? ours.children as Nodes[] : [], state)
  const escapes: Array<{index: number; written: string}> = []
  let offset = 0
  visit(written, (node) => {
    if (node.type === 'inlineCode') offset += node.value.length
    if (node.type !== 'text') return
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start !== undefined && end !== undefined) {
      for (const escape of escapesIn(node.value, markdown.slice(start, end))) escapes.push({index: offset + escape.index, written: escape.written})
    }
    offset += node.value.length
  })
  // Neighbouring escapes (the two `*` of `**`) make one finding.
  for (let first = 0; first < escapes.length;) {
    let last = first
    while (last + 1 < escapes.length && escapes[last + 1]?.index === (escapes[last]?.index ?? 0) + 1) last++
    const group = escapes.slice(first, last + 1)
    const startIndex = group[0]?.index ?? 0
    const actual = plainText(ours).slice(startIndex, startIndex + group.length)
    const expected = group.map((escape) => escape.written).join('')
    const origin = origins[startIndex] ?? 0
    report(state, {
      ruleId: 'markdown-escape',
      reason: `Unexpected \`${actual}\` that Markdown reads as markup, expected \`${expected}\` so it prints as written`,
      start: origin,
      end: (origins[startIndex + group.length - 1] ?? origin) + 1,
      actual,
      expected
    })
    first = last + 1
  }
}

/** Indices of `value` that its Markdown source writes escaped, with how. */
function escapesIn(value: string, source: string): Array<{index: number; written: string}> {
  const escapes: Array<{index: number; written: string}> = []
  let cursor = 0
  for (let index = 0; index < value.length; index++) {
    const character = value[index] ?? ''
    while (cursor < source.length) {
      if (source[cursor] === '\\' && source[cursor + 1] === character && /[!-/:-@[-`{-~]/u.test(character)) {
        escapes.push({index, written: source.slice(cursor, cursor + 2)})
        cursor += 2
        break
      }
      const reference = /^&(?:#x([\da-f]+)|#(\d+)|[a-z][a-z\d]*);/iu.exec(source.slice(cursor))
      if (reference && referenceMatches(reference, character)) {
        escapes.push({index, written: reference[0]})
        cursor += reference[0].length
        break
      }
      if (source[cursor] === character) {
        cursor++
        break
      }
      cursor++
    }
  }
  return escapes
}

function referenceMatches(reference: RegExpExecArray, character: string): boolean {
  const hex = reference[1]
  const decimal = reference[2]
  if (hex !== undefined) return String.fromCodePoint(Number.parseInt(hex, 16)) === character
  if (decimal !== undefined) return String.fromCodePoint(Number.parseInt(decimal, 10)) === character
  return character !== '&'
}
