import rehypeStringify from 'rehype-stringify'
import {unified} from 'unified'
import {parseDocument} from '../../src/model/parse.js'
import {toHast} from '../../src/write/html/to-hast.js'

/** Markdown body (front matter added) to the HTML paiban's writer makes of it. */
export function bodyHtml(markdown: string, title = '书'): string {
  const {tree, outline} = parseDocument(`---\ntitle: ${title}\n---\n\n${markdown}`, 'a.md')
  return unified().use(rehypeStringify).stringify(toHast(tree, outline))
}
