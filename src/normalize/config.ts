import {readFile} from 'node:fs/promises'
import {existsSync} from 'node:fs'
import path from 'node:path'
import {isMap, isScalar, isSeq, LineCounter, parseDocument, type Document} from 'yaml'
import {PaibanError} from '../errors.js'
import {fixedRules, isSwitchableRule, switchableRules} from './rules.js'

/**
 * Which rules are off, from two places, both YAML of the same shape:
 *
 *     lint:
 *       off: [heading-punctuation-mismatch, han-latin-space]
 *
 * - `paiban.config.yaml` in the project: the nearest one above the file,
 *   up to the folder that holds `.git` or `package.json` — for every text.
 * - the front matter of one text, for that text (added to the project's).
 *
 * Only the rules of rules.ts can be named; escaping and the round-trip check
 * cannot be switched off.
 */
export interface LintSettings {
  off: readonly string[]
}

export const configFileName = 'paiban.config.yaml'

/** A mistake in a `lint:` block, at an offset in its YAML. */
export interface LintConfigProblem {
  message: string
  offset: number
}

/**
 * Read the `lint` block of a YAML document. With `onlyLint`, any other top-level
 * key is a mistake too (the config file holds nothing else yet).
 */
export function lintSettingsOf(document: Document, onlyLint: boolean): {settings: LintSettings; problems: LintConfigProblem[]} {
  const problems: LintConfigProblem[] = []
  const off: string[] = []
  const at = (node: {range?: [number, number, number] | null | undefined} | null | undefined): number => node?.range?.[0] ?? 0
  const root = document.contents
  if (!isMap(root)) {
    if (onlyLint && root !== null) problems.push({message: 'Unexpected content, expected a mapping with a `lint` key', offset: at(root)})
    return {settings: {off}, problems}
  }
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : ''
    if (key !== 'lint') {
      if (onlyLint) problems.push({message: `Unexpected key \`${key}\`, expected \`lint\``, offset: at(isScalar(pair.key) ? pair.key : null)})
      continue
    }
    const lint = pair.value
    if (!isMap(lint)) {
      problems.push({message: 'Unexpected `lint` value, expected a mapping such as `lint: {off: [rule-id]}`', offset: at(isScalar(lint) || isSeq(lint) ? lint : null)})
      continue
    }
    for (const entry of lint.items) {
      const name = isScalar(entry.key) ? String(entry.key.value) : ''
      if (name !== 'off') {
        problems.push({message: `Unexpected key \`lint.${name}\`, expected \`lint.off\``, offset: at(isScalar(entry.key) ? entry.key : null)})
        continue
      }
      if (!isSeq(entry.value)) {
        problems.push({message: 'Unexpected `lint.off` value, expected a list of rule ids such as `[heading-punctuation-mismatch]`', offset: at(isScalar(entry.value) || isMap(entry.value) ? entry.value : null)})
        continue
      }
      for (const item of entry.value.items) {
        const id = isScalar(item) ? String(item.value) : ''
        if (isSwitchableRule(id)) off.push(id)
        else problems.push({message: unknownRuleMessage(id), offset: at(isScalar(item) ? item : null)})
      }
    }
  }
  return {settings: {off}, problems}
}

function unknownRuleMessage(id: string): string {
  if ((fixedRules as readonly string[]).includes(id)) return `Unexpected rule \`${id}\` in \`lint.off\`: it keeps the printed text right and cannot be switched off`
  return `Unexpected rule \`${id}\` in \`lint.off\`, expected one of ${switchableRules.join(', ')}`
}

/**
 * The project's lint settings for a file: the nearest paiban.config.yaml above
 * it, up to the project root. Throws a usage error (exit 2) naming the place
 * of a mistake in the file.
 */
export async function loadLintSettings(forFile: string): Promise<LintSettings> {
  const file = findConfig(path.dirname(path.resolve(forFile)))
  if (file === undefined) return {off: []}
  const text = await readFile(file, 'utf8')
  const lineCounter = new LineCounter()
  const document = parseDocument(text, {lineCounter, prettyErrors: false})
  const place = (offset: number): string => {
    const {line, col} = lineCounter.linePos(offset)
    return `${file}:${line}:${col}`
  }
  const yamlError = document.errors[0]
  if (yamlError) {
    throw new PaibanError('E_USAGE', `${configFileName} does not parse: ${yamlError.message.split('\n')[0] ?? ''}`, {
      place: place(yamlError.pos[0]),
      hint: 'Fix the YAML; the file holds `lint: {off: [rule-id, …]}`.'
    })
  }
  const {settings, problems} = lintSettingsOf(document, true)
  const problem = problems[0]
  if (problem) {
    throw new PaibanError('E_USAGE', problem.message, {
      place: place(problem.offset),
      hint: `Rules that can be switched off: ${switchableRules.join(', ')} (docs/normalize.md).`
    })
  }
  return settings
}

function findConfig(start: string): string | undefined {
  for (let folder = start; ; folder = path.dirname(folder)) {
    const candidate = path.join(folder, configFileName)
    if (existsSync(candidate)) return candidate
    const root = existsSync(path.join(folder, '.git')) || existsSync(path.join(folder, 'package.json'))
    if (root || path.dirname(folder) === folder) return undefined
  }
}
