import type {Root} from 'mdast'
import {directiveFromMarkdown, directiveToMarkdown} from 'mdast-util-directive'
import {directive} from 'micromark-extension-directive'
import type {Plugin} from 'unified'

/**
 * The `:::name` container directive of the generic directive proposal, and
 * nothing else of it: paiban writes the 公文 elements as containers
 *
 *     :::addressee
 *     各处室、直属单位：
 *     :::
 *
 * The proposal's text form `:name` is left out on purpose: its names may
 * start with a digit or a Han character, so `下午3:00` or `比例1:2` would read
 * as a directive and lose text. Without it, a colon is always a colon and the
 * writer never escapes one in running text.
 *
 * Used by both normalize (to write and read back) and model/parse.ts, so what
 * one writes the other reads.
 */
const remarkContainerDirective: Plugin<[], Root> = function () {
  const data = this.data()
  const flow = directive().flow?.[58]
  // directive() lists [container, leaf] for `:`; the container is the concrete one.
  const container = Array.isArray(flow) ? flow.find((construct) => construct.concrete === true) : undefined
  if (!container) throw new Error('micromark-extension-directive no longer exports a container construct where expected')
  const toMarkdown = directiveToMarkdown()
  // The escapes for `:name` in text (a colon before a letter) are needed only where text directives are read.
  const unsafe = (toMarkdown.unsafe ?? []).filter((pattern) => !inPhrasing(pattern.inConstruct))

  ;(data.micromarkExtensions ??= []).push({flow: {58: [container]}})
  ;(data.fromMarkdownExtensions ??= []).push(directiveFromMarkdown())
  ;(data.toMarkdownExtensions ??= []).push({...toMarkdown, unsafe})
}

export default remarkContainerDirective

function inPhrasing(construct: string | readonly string[] | null | undefined): boolean {
  return construct === 'phrasing' || (Array.isArray(construct) && construct.includes('phrasing'))
}
