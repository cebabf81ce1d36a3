import type {Heading, Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {OutlineEntry} from './types.js'

/**
 * The document's outline: every heading with its level, anchor and section.
 * Computed once here; the HTML/PDF and Word writers read it, never recompute it.
 *
 * Levels are relative: the shallowest heading depth in the body is level 1,
 * since the title lives in front matter and sources start sections at `##`.
 */
export function buildOutline(tree: Root): OutlineEntry[] {
  const headings = tree.children.filter((node): node is Heading => node.type === 'heading')
  if (headings.length === 0) return []
  const top = Math.min(...headings.map((heading) => heading.depth))
  const counters: number[] = []
  let section = -1
  return headings.map((heading) => {
    const level = heading.depth - top + 1
    counters.length = level
    counters[level - 1] = (counters[level - 1] ?? 0) + 1
    for (let index = 0; index < level - 1; index++) counters[index] ??= 1
    if (level === 1) section++
    return {
      level,
      id: `sec-${counters.join('-')}`,
      text: toString(heading),
      section: Math.max(section, 0),
      line: heading.position?.start.line
    }
  })
}

/** Headings of the outline in document order, paired with their tree nodes. */
export function headingNodes(tree: Root): Heading[] {
  return tree.children.filter((node): node is Heading => node.type === 'heading')
}

/** The headings a 目录 of `depth` levels lists, in order: the PDF's, the Word copy's and the preflight's. */
export function tocEntries(outline: readonly OutlineEntry[], depth: number): OutlineEntry[] {
  return outline.filter((entry) => entry.level <= depth)
}
