import {isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode} from 'yaml'
import {PaibanError} from '../errors.js'
import {templateSchema, type Template} from './schema.js'

/**
 * `template.yaml` → Template: YAML parsed, validated against the schema,
 * font references and recto starts checked; errors point into the YAML.
 * Its own module, loaded only when a template is validated (load.ts keeps
 * templates it has validated before, so a build that changes nothing loads
 * neither yaml nor zod).
 */
export function parseTemplate(text: string, file: string): Template {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, {lineCounter, prettyErrors: false})
  const firstError = document.errors[0]
  if (firstError) {
    const {line, col} = lineCounter.linePos(firstError.pos[0])
    throw new PaibanError('E_TEMPLATE', `Template YAML does not parse: ${firstError.message.split('\n')[0]}`, {
      place: `${file}:${line}:${col}`,
      hint: 'Fix the YAML syntax at that place.'
    })
  }
  const result = templateSchema.safeParse(document.toJS())
  if (!result.success) {
    const issue = result.error.issues[0]
    const fieldPath = issue ? issue.path.map(String) : []
    const node = nodeAt(document.contents, fieldPath)
    const offset = node?.range?.[0] ?? 0
    const {line, col} = lineCounter.linePos(offset)
    throw new PaibanError(
      'E_TEMPLATE',
      `Invalid template field \`${fieldPath.join('.') || '(root)'}\`: ${issue?.message ?? 'invalid'}`,
      {place: `${file}:${line}:${col}`, hint: 'See docs/templates.md for the fields and their allowed values.'}
    )
  }
  checkFontReferences(result.data, file)
  checkRectoStarts(result.data, file)
  return result.data
}

/** Every `font:` must name a key of `fonts`. */
function checkFontReferences(template: Template, file: string): void {
  const known = Object.keys(template.fonts)
  const used: Array<[string, string]> = [
    ['body.font', template.body.font],
    ['lead.font', template.lead.font],
    ['cover.title.font', template.cover.title.font],
    ['cover.subtitle.font', template.cover.subtitle.font],
    ['cover.imprint.font', template.cover.imprint.font],
    ['toc.entry.font', template.toc.entry.font],
    ['runningHead.font', template.runningHead.font],
    ['pageNumber.font', template.pageNumber.font],
    ...template.headings.map((heading, index): [string, string] => [`headings.${index}.font`, heading.font])
  ]
  for (const [field, font] of used) {
    if (!known.includes(font)) {
      throw new PaibanError('E_TEMPLATE', `Invalid template field \`${field}\`: unknown font \`${font}\``, {
        place: file,
        hint: `Use one of the fonts the template declares: ${known.join(', ')}.`
      })
    }
  }
}

/** Only top-level sections start a page, so only they can start on a right-hand one. */
function checkRectoStarts(template: Template, file: string): void {
  const deeper = template.headings.findIndex((heading, index) => index > 0 && heading.startOn === 'right')
  if (deeper !== -1) {
    throw new PaibanError('E_TEMPLATE', `Invalid template field \`headings.${deeper}.startOn\`: only level 1 (top-level sections) can start on a right-hand page`, {
      place: file,
      hint: 'Set `startOn: right` on the first heading level, or remove it.'
    })
  }
  if (template.headings[0]?.startOn === 'right' && !template.page.twoSided) {
    throw new PaibanError('E_TEMPLATE', 'Invalid template field `headings.0.startOn`: right-hand pages need `page.twoSided: true`', {
      place: file,
      hint: 'Print on both sides (`page.twoSided: true`), or set `startOn: any`.'
    })
  }
}

function nodeAt(node: unknown, fieldPath: string[]): YamlNode | undefined {
  let current = node as YamlNode | undefined
  for (const key of fieldPath) {
    if (isMap(current)) {
      const next = current.get(key, true) as YamlNode | undefined
      if (next === undefined) return current
      current = next
    } else if (isSeq(current)) {
      const next = current.get(Number(key), true) as YamlNode | undefined
      if (next === undefined) return current
      current = next
    } else {
      return current
    }
  }
  return current
}
