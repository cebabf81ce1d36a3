import {Document, parseDocument} from 'yaml'
import {frontMatterFields} from '../read/front-matter.js'

/** Front matter fields normalize can write (read/front-matter.ts validates them when the source is read). */
export interface FrontMatterFields {
  title?: string | undefined
  subtitle?: string | undefined
  /** Issuing body (编印单位). */
  issuer?: string | undefined
  /** As written, e.g. `2023-06`. */
  date?: string | undefined
  subject?: string | undefined
  keywords?: readonly string[] | undefined
  lang?: string | undefined
  template?: string | undefined
}

/**
 * The YAML between the `---` lines. Fields come in the order the schema
 * lists them; `keywords` is a flow sequence (`[主题教育, 学习读本]`), as
 * people write it by hand. With `existing` YAML (a Markdown source), the
 * given fields replace or add to it and everything else stays, comments too.
 */
export function frontMatterYaml(fields: Readonly<FrontMatterFields>, existing?: string): string | undefined {
  const entries = frontMatterFields
    .map((key) => [key, fieldValue(fields, key)] as const)
    .filter((entry): entry is readonly [string, string | readonly string[]] => entry[1] !== undefined)
  if (existing !== undefined && entries.length === 0) return existing
  if (existing === undefined && entries.length === 0) return undefined
  const document = existing === undefined ? new Document({}) : parseDocument(existing)
  for (const [key, value] of entries) {
    document.set(key, Array.isArray(value) ? document.createNode([...value], {flow: true}) : value)
  }
  return document.toString({lineWidth: 0, flowCollectionPadding: false}).replace(/\n$/u, '')
}

function fieldValue(fields: Readonly<FrontMatterFields>, key: string): string | readonly string[] | undefined {
  switch (key) {
    case 'title': return fields.title
    case 'subtitle': return fields.subtitle
    case 'issuer': return fields.issuer
    case 'date': return fields.date
    case 'subject': return fields.subject
    case 'keywords': return fields.keywords
    case 'lang': return fields.lang
    case 'template': return fields.template
    default: return undefined
  }
}
