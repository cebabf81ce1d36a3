import {createHash} from 'node:crypto'
import {lstat, mkdir, readFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {PaibanError} from '../errors.js'
import {writeAtomic} from '../fs.js'
import {packageRoot} from '../paths.js'
import type {Template} from './schema.js'

/** Built-in templates live in the package's `templates/` folder. */
export const builtInTemplatesDir = path.join(packageRoot, 'templates')

/**
 * Where a template named on the command line or in front matter lives:
 * a path (`./my-template`) or a built-in name (`booklet`).
 */
export function templateDirectory(nameOrPath: string, cwd: string): string {
  if (nameOrPath.includes('/') || nameOrPath.startsWith('.')) return path.resolve(cwd, nameOrPath)
  return path.join(builtInTemplatesDir, nameOrPath)
}

export async function listBuiltInTemplates(): Promise<string[]> {
  const {readdir} = await import('node:fs/promises')
  const entries = await readdir(builtInTemplatesDir, {withFileTypes: true})
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()
}

/**
 * Read and validate `template.yaml`; errors point into the YAML (parse.ts).
 *
 * A template that passed validation is kept, as JSON, in a folder of the
 * user's own under the system's temporary folder, keyed by its text and by
 * the code that validates it; the same text is then not validated again,
 * and yaml and zod (≈ 0.1 s to load) are not loaded at all. Only valid
 * templates are kept, so every error is still reported from the YAML.
 */
export async function loadTemplate(directory: string): Promise<Template> {
  const file = path.join(directory, 'template.yaml')
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    const known = await listBuiltInTemplates().catch(() => [])
    throw new PaibanError('E_TEMPLATE', `Unknown template \`${path.basename(directory)}\`: no ${file}`, {
      hint: `Use one of: ${known.join(', ')}, or a folder holding a template.yaml (\`--template ./path\`).`
    })
  }
  const key = await validationKey(text)
  const kept = key === undefined ? undefined : await readValidated(file, key)
  if (kept) return kept
  const {parseTemplate} = await import('./parse.js')
  const template = parseTemplate(text, file)
  if (key !== undefined) await writeValidated(file, key, template)
  return template
}

/**
 * The modules whose code decides what validation returns: parse.ts and
 * everything it imports of paiban's own (test/unit/template/load.test.ts
 * checks this list against the imports). paiban's package.json pins the
 * versions of yaml and zod.
 */
export const validatorModules = ['template/parse', 'template/schema', 'template/sizes', 'press/options', 'press/sheets', 'errors']

let validatorHash: Promise<string | undefined> | undefined

/** What a kept template is kept under: the validating code, then the text; undefined when the code cannot be read. */
async function validationKey(text: string): Promise<string | undefined> {
  validatorHash ??= (async () => {
    // The modules as compiled (dist/, which the command's bundle is built beside, from the same
    // sources), or src/ when the tests run the sources.
    const fromSources = import.meta.url.endsWith('.ts')
    const [folder, extension] = fromSources ? ['src', '.ts'] : ['dist', '.js']
    const files = [path.join(packageRoot, 'package.json'), ...validatorModules.map((name) => path.join(packageRoot, folder, `${name}${extension}`))]
    const hash = createHash('sha256')
    for (const file of files) hash.update(await readFile(file)).update('\0')
    return hash.digest('hex')
  })().catch(() => undefined)
  const code = await validatorHash
  return code === undefined ? undefined : createHash('sha256').update(code).update(text).digest('hex')
}

let keptDirectory: Promise<string | undefined> | undefined

/**
 * `<tmp>/paiban-<uid>/templates`: a folder only this user can write to, or
 * undefined (then nothing is kept). Another user's folder, or one others
 * may write to, is not trusted.
 */
function validatedDirectory(): Promise<string | undefined> {
  keptDirectory ??= (async () => {
    const uid = process.getuid?.()
    const root = path.join(os.tmpdir(), uid === undefined ? 'paiban' : `paiban-${uid}`)
    await mkdir(root, {recursive: true, mode: 0o700})
    const stats = await lstat(root)
    if (!stats.isDirectory()) return undefined
    if (uid !== undefined && (stats.uid !== uid || (stats.mode & 0o022) !== 0)) return undefined
    return path.join(root, 'templates')
  })().catch(() => undefined)
  return keptDirectory
}

/** One file per template.yaml (by its path), holding the key it was validated under. */
async function keptFile(file: string): Promise<string | undefined> {
  const directory = await validatedDirectory()
  return directory && path.join(directory, `${createHash('sha256').update(path.resolve(file)).digest('hex').slice(0, 32)}.json`)
}

async function readValidated(file: string, key: string): Promise<Template | undefined> {
  try {
    const kept = await keptFile(file)
    if (!kept) return undefined
    const entry = JSON.parse(await readFile(kept, 'utf8')) as {key?: unknown; template?: Template}
    return entry.key === key ? entry.template : undefined
  } catch {
    return undefined
  }
}

async function writeValidated(file: string, key: string, template: Template): Promise<void> {
  try {
    const kept = await keptFile(file)
    if (kept) await writeAtomic(kept, JSON.stringify({key, template}))
  } catch {
    // Keeping it is only a shortcut for the next build.
  }
}
