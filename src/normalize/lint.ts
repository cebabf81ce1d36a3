import type {Heading, Parent, Root} from 'mdast'
import {visit} from 'unist-util-visit'
import {flattenBlock} from './block-text.js'
import {closingMarks, isFullWidthPunctuation, pairedMarks} from './characters.js'
import {originsUnder, plainText} from './phrasing.js'
import {report, type NormalizeState} from './report.js'
import {outlineNumbering} from './structure.js'
import {lintOutline} from './outline-lint.js'
import {officialRoles} from './official.js'

/**
 * Findings normalize reports but does not fix, because the fix needs a
 * reader: unbalanced quotes and brackets, sibling headings punctuated
 * differently, skipped heading levels.
 */
export function lintTree(tree: Root, state: NormalizeState): void {
  visit(tree, (node) => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') checkBalance(node, state)
  })
  const headings = tree.children.filter((node): node is Heading => node.type === 'heading')
  checkSiblingPunctuation(headings, state)
  checkLevels(headings, state)
  lintOutline(tree, state)
  checkDirectives(tree, state)
}

/** Containers model/parse.ts would unwrap: an unknown name, or content other than paragraphs. */
function checkDirectives(tree: Root, state: NormalizeState): void {
  visit(tree, 'containerDirective', (node) => {
    const known = (officialRoles as readonly string[]).includes(node.name)
    const paragraphs = node.children.every((child) => child.type === 'paragraph') && node.children.length > 0
    if (known && paragraphs) return
    report(state, {
      ruleId: 'unknown-directive',
      reason: known
        ? `Unexpected content in \`:::${node.name}\`, expected one paragraph per line; it prints as body text`
        : `Unexpected container \`:::${node.name}\`, expected one of ${officialRoles.map((role) => `\`:::${role}\``).join(', ')}; it prints as body text`,
      start: node.position?.start.offset ?? 0,
      end: (node.position?.start.offset ?? 0) + 3 + node.name.length
    })
  })
}

/** Quotes and brackets pair up inside a paragraph (GB/T 15834). */
function checkBalance(block: Parent, state: NormalizeState): void {
  const {text} = flattenBlock(block, state)
  const open: number[] = []
  const unbalanced: number[] = []
  for (let index = 0; index < text.value.length; index++) {
    const character = text.value[index] ?? ''
    if (pairedMarks.has(character) || character === '(') open.push(index)
    else if (closingMarks.has(character) || character === ')') {
      const expected = character === ')' ? '(' : closingMarks.get(character)
      const top = open[open.length - 1]
      if (top !== undefined && text.value[top] === expected) open.pop()
      else unbalanced.push(index)
    }
  }
  unbalanced.push(...open)
  // A straight quote is left only when their count was odd (see punctuation.ts).
  const straight = [...text.value.matchAll(/"/gu)].map((match) => match.index)
  if (straight.length % 2 === 1) unbalanced.push(straight[straight.length - 1] ?? 0)
  for (const index of unbalanced.sort((a, b) => a - b)) {
    const character = text.value[index] ?? ''
    const quote = '“”‘’"'.includes(character)
    const partner = pairedMarks.get(character) ?? closingMarks.get(character) ?? (character === '(' ? ')' : character === ')' ? '(' : '"')
    const opening = pairedMarks.has(character) || character === '('
    report(state, {
      ruleId: quote ? 'unbalanced-quote' : 'unbalanced-bracket',
      reason: opening || character === '"'
        ? `Unexpected unclosed \`${character}\`, expected a closing \`${partner}\` in the same paragraph`
        : `Unexpected \`${character}\` without an opening \`${partner}\``,
      start: text.origins[index] ?? 0,
      end: (text.origins[index] ?? 0) + 1
    })
  }
}

/**
 * Sibling headings (same level, same parent) follow one pattern; a heading
 * whose punctuation differs from the pattern most siblings share is
 * reported (二、要聚焦“锤炼品格强化忠诚”，下功夫… among four without the ，).
 * Quoted text is skipped: its punctuation belongs to the quotation.
 */
function checkSiblingPunctuation(headings: readonly Heading[], state: NormalizeState): void {
  const groups = new Map<string, Heading[]>()
  const parents: Heading[] = []
  for (const heading of headings) {
    while (parents.length > 0 && (parents[parents.length - 1]?.depth ?? 0) >= heading.depth) parents.pop()
    const parent = parents[parents.length - 1]
    const key = `${parent ? headings.indexOf(parent) : -1}:${heading.depth}`
    groups.set(key, [...(groups.get(key) ?? []), heading])
    parents.push(heading)
  }
  for (const siblings of groups.values()) {
    if (siblings.length < 2) continue
    const skeletons = siblings.map((heading) => skeletonOf(plainText(heading)))
    const counts = new Map<string, number>()
    for (const skeleton of skeletons) counts.set(skeleton.marks, (counts.get(skeleton.marks) ?? 0) + 1)
    const [pattern, count] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0]
    // Two siblings that differ give no majority: compare them only on how they end.
    if (siblings.length === 2) {
      const [first, second] = skeletons
      if (!first || !second || first.ends === second.ends) continue
      reportMismatch(siblings[1], second, first.marks, 1, state)
      continue
    }
    if (count * 2 <= siblings.length) continue
    skeletons.forEach((skeleton, index) => {
      if (skeleton.marks !== pattern) reportMismatch(siblings[index], skeleton, pattern, count, state)
    })
  }
}

interface Skeleton {
  /** Punctuation outside quotes and brackets, with the marks of the quotes themselves. */
  marks: string
  /** Index in the heading text of each mark. */
  indices: number[]
  /** The last mark when the heading ends with one. */
  ends: string
}

function skeletonOf(text: string): Skeleton {
  const start = outlineNumbering(text)?.length ?? 0
  let marks = ''
  const indices: number[] = []
  let depth = 0
  for (let index = start; index < text.length; index++) {
    const character = text[index] ?? ''
    const opening = pairedMarks.has(character)
    const closing = closingMarks.has(character)
    if (closing) depth = Math.max(0, depth - 1)
    if (depth === 0 && (isFullWidthPunctuation(character) || opening || closing)) {
      marks += character
      indices.push(index)
    }
    if (opening) depth++
  }
  const last = text[text.length - 1] ?? ''
  return {marks, indices, ends: isFullWidthPunctuation(last) ? last : ''}
}

function reportMismatch(heading: Heading | undefined, skeleton: Skeleton, pattern: string, count: number, state: NormalizeState): void {
  if (!heading) return
  let differs = 0
  while (differs < skeleton.marks.length && skeleton.marks[differs] === pattern[differs]) differs++
  const textIndex = skeleton.indices[Math.min(differs, skeleton.indices.length - 1)] ?? 0
  const origins = originsUnder(heading.children, state)
  const origin = origins[textIndex] ?? origins[0] ?? 0
  const mark = skeleton.marks[differs]
  report(state, {
    ruleId: 'heading-punctuation-mismatch',
    reason: `Unexpected ${mark === undefined ? 'missing mark' : `\`${mark}\``} in heading punctuation \`${skeleton.marks}\`, expected \`${pattern}\` as in ${count} sibling heading${count === 1 ? '' : 's'}`,
    start: origin,
    end: origin + 1
  })
}

/** The title is level 1 (front matter); each heading is at most one level below the one before. */
function checkLevels(headings: readonly Heading[], state: NormalizeState): void {
  let previous = 1
  for (const heading of headings) {
    if (heading.depth > previous + 1) {
      const origins = originsUnder(heading.children, state)
      report(state, {
        ruleId: 'heading-level-skipped',
        reason: `Unexpected level-${heading.depth} heading after ${previous === 1 ? 'the title' : `a level-${previous} heading`}, expected level ${previous + 1} at most`,
        start: heading.position?.start.offset ?? origins[0] ?? 0,
        end: (origins[origins.length - 1] ?? 0) + 1
      })
    }
    previous = heading.depth
  }
}
