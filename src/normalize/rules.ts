/**
 * Every rule normalize has, by id (docs/normalize.md lists what each does).
 * A rule that fixes also reports; switching it off (front matter
 * `lint: {off: [id]}` or paiban.config.yaml, see config.ts) stops both, so
 * `normalize` leaves that text as written and `lint` says nothing of it.
 */

/** Rules that change the text; lint reports each change as fixable. */
export const fixRules = [
  'zero-width-character',
  'no-break-space',
  'fullwidth-alphanumeric',
  'halfwidth-punctuation',
  'ellipsis',
  'dash',
  'middle-dot',
  'circle-zero',
  'straight-quote',
  'stray-space',
  'han-latin-space',
  'title-line',
  'official-element',
  'outline-heading',
  'run-in-heading',
  'heading-depth',
  'run-in-enumeration',
  'lead-sentence'
] as const

/** Findings for a reader: normalize changes nothing for them. */
export const lintRules = [
  'unbalanced-quote',
  'unbalanced-bracket',
  'heading-punctuation-mismatch',
  'heading-level-skipped',
  'numbering-order',
  'numbering-sequence',
  'mixed-numbering',
  'ambiguous-heading',
  'ambiguous-official',
  'unknown-directive',
  'missing-title'
] as const

/**
 * Rules that cannot be switched off: escaping is what keeps the printed text
 * equal to the source, and the round trip and the configuration checks
 * guard against wrong output.
 */
export const fixedRules = ['markdown-escape', 'markdown-round-trip', 'lint-config'] as const

export type SwitchableRule = (typeof fixRules)[number] | (typeof lintRules)[number]

export const switchableRules: readonly string[] = [...fixRules, ...lintRules]

export function isSwitchableRule(id: string): id is SwitchableRule {
  return switchableRules.includes(id)
}
