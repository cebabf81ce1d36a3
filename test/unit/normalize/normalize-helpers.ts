import {normalizeText, type NormalizeOptions} from '../../../src/normalize/index.js'
import {applyEdits, trackedText, type RuleContext, type TextRule} from '../../../src/normalize/tracked-text.js'

/** The Markdown body (no front matter) normalize writes for a plain text. */
export function body(input: string, options: Readonly<NormalizeOptions> = {}): string {
  const {markdown} = normalizeText(input, {frontMatter: {title: 'T'}, ...options})
  return markdown.replace(/^---\n[\s\S]*?\n---\n\n?/u, '').replace(/\n$/u, '')
}

/** Rule ids of the findings for a plain text, in order. */
export function ruleIds(input: string, options: Readonly<NormalizeOptions> = {}): string[] {
  return normalizeText(input, {frontMatter: {title: 'T'}, ...options}).messages.map((message) => message.ruleId ?? '')
}

export const plainContext: RuleContext = {hanLatinSpace: 'remove'}

/** One rule on its own. */
export function applyRule(rule: TextRule, text: string, context: RuleContext = plainContext): string {
  const origins = [...text].map((_, index) => index)
  return applyEdits(trackedText(text, Array.from({length: text.length}, (_, index) => origins[index] ?? index)), rule(text, context)).text.value
}
