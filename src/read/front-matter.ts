import type {Root} from 'mdast'
import {LineCounter, parseDocument} from 'yaml'
import {z} from 'zod'
import {PaibanError} from '../errors.js'
import type {DocumentMeta} from '../model/types.js'

const frontMatterSchema = z.strictObject({
  title: z.string().min(1),
  subtitle: z.string().optional(),
  issuer: z.string().optional(),
  date: z.union([z.string(), z.date()]).optional(),
  subject: z.string().optional(),
  keywords: z.union([z.array(z.string()), z.string()]).optional(),
  lang: z.string().default('zh-CN'),
  template: z.string().optional(),
  // Rules paiban lint leaves out for this text; normalize checks the ids (normalize/config.ts).
  lint: z.strictObject({off: z.array(z.string()).optional()}).optional(),
  // Press outputs for this text (docs/print.md); the build validates the fields.
  press: z.record(z.string(), z.unknown()).optional()
})

/** Fields a document's metadata is made of, and that `normalize --set` writes (`lint` is normalize's own, `press` the build's). */
export const frontMatterFields = Object.keys(frontMatterSchema.shape).filter((key) => key !== 'lint' && key !== 'press')

/**
 * Read the YAML front matter of a parsed document into DocumentMeta.
 * Errors point at the line and column in the Markdown file.
 */
export function readFrontMatter(tree: Root, fileName: string): DocumentMeta {
  const node = tree.children[0]
  if (!node || node.type !== 'yaml') {
    throw new PaibanError('E_FRONT_MATTER', 'Missing front matter with a `title`', {
      place: `${fileName}:1:1`,
      hint: 'Start the file with `---`, a line `title: …`, and `---`; `paiban normalize` writes it for you.'
    })
  }
  // The YAML starts on the line after the opening `---`.
  const firstLine = (node.position?.start.line ?? 1) + 1
  const lineCounter = new LineCounter()
  const document = parseDocument(node.value, {lineCounter, prettyErrors: false})
  const place = (offset: number): string => {
    const {line, col} = lineCounter.linePos(offset)
    return `${fileName}:${firstLine + line - 1}:${col}`
  }
  const yamlError = document.errors[0]
  if (yamlError) {
    throw new PaibanError('E_FRONT_MATTER', `Front matter does not parse: ${yamlError.message.split('\n')[0]}`, {
      place: place(yamlError.pos[0]),
      hint: 'Fix the YAML between the `---` lines (quote values that contain `:` or start with a special character).'
    })
  }
  const result = frontMatterSchema.safeParse(document.toJS() ?? {})
  if (!result.success) {
    const issue = result.error.issues[0]
    const key = issue?.path[0] === undefined ? undefined : String(issue.path[0])
    const pair = key === undefined ? undefined : document.contents && 'items' in document.contents
      ? (document.contents.items as Array<{key: {value?: unknown; range?: [number, number, number]}}>).find((item) => item.key?.value === key)
      : undefined
    const field = key ?? '(root)'
    throw new PaibanError('E_FRONT_MATTER', `Invalid front matter field \`${field}\`: ${issue?.message ?? 'invalid'}`, {
      place: place(pair?.key.range?.[0] ?? 0),
      hint: `Front matter fields: ${frontMatterFields.join(', ')}; \`title\` is required.`
    })
  }
  const data = result.data
  const date = data.date instanceof Date ? data.date.toISOString().slice(0, 10) : data.date
  return {
    title: data.title,
    subtitle: data.subtitle,
    issuer: data.issuer,
    date,
    subject: data.subject,
    keywords: typeof data.keywords === 'string' ? data.keywords.split(/[,，、]\s*/) : (data.keywords ?? []),
    lang: data.lang,
    template: data.template
  }
}
