import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {PaibanError} from '../errors.js'
import {decodeText} from './decode.js'

/** Read a source's bytes; a missing file is an input error naming it. */
export async function readSourceBytes(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file)
  } catch (error) {
    throw new PaibanError('E_INPUT', `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, {
      hint: 'Check the file name.'
    })
  }
}

/**
 * A source as paiban Markdown: `.md` as it is, anything else (a `.txt`)
 * through the normalizer with the project's paiban.config.yaml, titled by its
 * first line or else its file name.
 */
export async function markdownOf(text: string, file: string): Promise<string> {
  if (file.endsWith('.md')) return text
  const {loadLintSettings, normalizeText} = await import('../normalize/index.js')
  const rules = await loadLintSettings(file)
  const result = normalizeText(text, {fileName: file, rules})
  if (result.title !== undefined) return result.markdown
  return normalizeText(text, {fileName: file, rules, frontMatter: {title: path.basename(file, path.extname(file))}}).markdown
}

/** Read, decode and (for plain text) normalize a source. */
export async function readSource(file: string): Promise<string> {
  return markdownOf(decodeText(await readSourceBytes(file), file), file)
}

/** What a source's front matter says about building it. */
export interface BuildSettings {
  template?: string
  press?: Record<string, unknown>
}

/**
 * The `template:` and `press:` a Markdown source's front matter names, read
 * without parsing the document: the build decides from them whether anything
 * changed, and which template and press outputs apply.
 */
export async function frontMatterSettings(text: string): Promise<BuildSettings> {
  const match = /^---\n([\s\S]*?)\n---(?:\n|$)/.exec(text)
  if (!match?.[1] || !/^(template|press)\s*:/m.test(match[1])) return {}
  const simple = simpleTemplate(match[1])
  if (simple) return {template: simple}
  const {parse} = await import('yaml')
  try {
    const data: unknown = parse(match[1])
    if (typeof data !== 'object' || data === null) return {}
    const {template, press} = data as Record<string, unknown>
    return {
      ...(typeof template === 'string' ? {template} : {}),
      ...(typeof press === 'object' && press !== null && !Array.isArray(press) ? {press: press as Record<string, unknown>} : {})
    }
  } catch {
    // The full parse reports the YAML error with its position.
    return {}
  }
}

/**
 * The template of front matter that names one as most texts do, on a line
 * of its own (`template: gongwen`), and has no `press:`: read without
 * loading yaml. A name YAML would read as something other than that string
 * (quoted, with a comment, `true`, `null`…) is left to the YAML parser.
 */
function simpleTemplate(yaml: string): string | undefined {
  if (/^press\s*:/m.test(yaml) || (yaml.match(/^template\s*:/gm) ?? []).length !== 1) return undefined
  const name = /^template:[ \t]+([A-Za-z][\w-]*)[ \t]*$/m.exec(yaml)?.[1]
  return name === undefined || /^(?:true|false|null)$/i.test(name) ? undefined : name
}
