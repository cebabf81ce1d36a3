import type {Root} from 'mdast'
import leven from 'leven'
import {LineCounter, parseDocument} from 'yaml'
import {PaibanError} from '../errors.js'
import type {DocumentMeta} from '../model/types.js'
import {requireFromPaiban} from '../paths.js'

/** Fields a document's metadata is made of, and that `normalize --set` writes (`lint` is normalize's own, `press` the build's). */
export const frontMatterFields = ['title', 'subtitle', 'issuer', 'date', 'subject', 'keywords', 'lang', 'template']

/** Front matter that passed validation: what the schema gives (a type only: zod is not loaded for it). */
export type FrontMatterData = import('zod').output<ReturnType<typeof makeSchema>>

function makeSchema() {
  // zod is loaded (as CommonJS: this runs inside the synchronous parse) only
  // for front matter that plainFrontMatter does not pass: to say what is wrong.
  const {z} = requireFromPaiban('zod') as typeof import('zod')
  return z.strictObject({
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
}

let schema: ReturnType<typeof makeSchema> | undefined

/** The front matter's schema (zod), made on first use. */
export function frontMatterSchema(): ReturnType<typeof makeSchema> {
  schema ??= makeSchema()
  return schema
}

const knownFields = new Set([...frontMatterFields, 'lint', 'press'])

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype
const isOptionalString = (value: unknown): boolean => value === undefined || typeof value === 'string'
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string')

/**
 * Front matter as texts have it — known fields, strings where strings go —
 * validated without loading zod; undefined for anything else, which the
 * schema then accepts or explains. Whatever this accepts, the schema
 * accepts alike (test/unit/read/front-matter.test.ts).
 */
export function plainFrontMatter(data: unknown): FrontMatterData | undefined {
  if (!isRecord(data)) return undefined
  for (const key of Object.keys(data)) if (!knownFields.has(key)) return undefined
  const {title, subtitle, issuer, date, subject, keywords, lang, template, lint, press} = data
  if (typeof title !== 'string' || title.length === 0) return undefined
  if (![subtitle, issuer, date, subject, lang, template].every(isOptionalString)) return undefined
  if (!(isOptionalString(keywords) || isStringArray(keywords))) return undefined
  if (lint !== undefined && !(isRecord(lint) && Object.keys(lint).every((key) => key === 'off') && (lint['off'] === undefined || isStringArray(lint['off'])))) return undefined
  if (press !== undefined && !isRecord(press)) return undefined
  const result: FrontMatterData = {title, lang: typeof lang === 'string' ? lang : 'zh-CN'}
  const optional = {subtitle, issuer, date, subject, keywords, template, lint, press}
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) (result as unknown as Record<string, unknown>)[key] = value
  return result
}

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
  const js: unknown = document.toJS() ?? {}
  const plain = plainFrontMatter(js)
  const result = plain ? {success: true as const, data: plain} : frontMatterSchema().safeParse(js)
  if (!result.success) {
    const issue = result.error.issues[0]
    // A field the schema does not know is an issue of the whole mapping, naming the keys.
    const unknown = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined
    const key = unknown ?? (issue?.path[0] === undefined ? undefined : String(issue.path[0]))
    const pair = key === undefined ? undefined : document.contents && 'items' in document.contents
      ? (document.contents.items as Array<{key: {value?: unknown; range?: [number, number, number]}}>).find((item) => item.key?.value === key)
      : undefined
    const fields = `Front matter fields: ${frontMatterFields.join(', ')}; \`title\` is required.`
    const nearest = unknown === undefined ? undefined : nearestField(unknown)
    throw new PaibanError(
      'E_FRONT_MATTER',
      unknown !== undefined ? `Unknown front matter field \`${unknown}\`` : key !== undefined ? `Invalid front matter field \`${key}\`: ${issue?.message ?? 'invalid'}` : `Invalid front matter: ${issue?.message ?? 'invalid'}`,
      {place: place(pair?.key.range?.[0] ?? 0), hint: nearest ? `Did you mean \`${nearest}\`? ${fields}` : fields}
    )
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

/** The known field `name` is most likely a misspelling of: at most two edits away (`subtitel` → `subtitle`). */
function nearestField(name: string): string | undefined {
  let best: {field: string; distance: number} | undefined
  for (const field of knownFields) {
    const distance = leven(name.toLowerCase(), field)
    if (distance <= 2 && (!best || distance < best.distance)) best = {field, distance}
  }
  return best?.field
}
