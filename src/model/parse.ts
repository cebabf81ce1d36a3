import type {Root} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {VFile} from 'vfile'
import remarkContainerDirective from '../read/container-directive.js'
import {readFrontMatter} from '../read/front-matter.js'
import remarkLeadSentence from './lead-sentence.js'
import remarkOfficial from './official.js'
import {buildOutline} from './outline.js'
import type {DocumentMeta, OutlineEntry} from './types.js'

/** The one document model both writers read. */
export interface ParsedDocument {
  tree: Root
  meta: DocumentMeta
  outline: OutlineEntry[]
  file: VFile
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkContainerDirective).use(remarkLeadSentence).use(remarkOfficial)

/** Parse normalized Markdown (with front matter) into the document model. */
export function parseDocument(markdown: string, fileName: string): ParsedDocument {
  const file = new VFile({path: fileName, value: markdown})
  const tree = processor.runSync(processor.parse(file), file)
  const meta = readFrontMatter(tree, fileName)
  tree.children = tree.children.filter((node) => node.type !== 'yaml')
  return {tree, meta, outline: buildOutline(tree), file}
}
