/**
 * Failures that are not about the text (no browser, a font missing, a bad template)
 * carry a stable code and a hint that says what to do. Findings about the text
 * are vfile messages instead (see messages.ts).
 */
export type PaibanErrorCode =
  | 'E_USAGE'
  | 'E_INPUT'
  | 'E_FRONT_MATTER'
  | 'E_TEMPLATE'
  | 'E_FONT_MISSING'
  | 'E_MISSING_GLYPH'
  | 'E_BROWSER_MISSING'
  | 'E_BROWSER'
  | 'E_RESOURCE_BLOCKED'
  | 'E_CHECK'
  | 'E_GHOSTSCRIPT_MISSING'
  | 'E_GHOSTSCRIPT'
  | 'E_ICC_PROFILE'
  | 'E_PDFX'

/** Exit codes, one meaning each: see cli/main.ts. */
export const exitCodeOf: Record<PaibanErrorCode, number> = {
  E_USAGE: 2,
  E_INPUT: 1,
  E_FRONT_MATTER: 1,
  E_TEMPLATE: 2,
  E_FONT_MISSING: 3,
  E_MISSING_GLYPH: 1,
  E_BROWSER_MISSING: 3,
  E_BROWSER: 3,
  E_RESOURCE_BLOCKED: 1,
  E_CHECK: 1,
  E_GHOSTSCRIPT_MISSING: 3,
  E_GHOSTSCRIPT: 3,
  E_ICC_PROFILE: 2,
  E_PDFX: 1
}

export interface PaibanErrorOptions {
  /** What the user can do about it. */
  hint?: string
  /** `file:line:column` or `file`, when the error is about a place. */
  place?: string
  cause?: unknown
}

export class PaibanError extends Error {
  readonly code: PaibanErrorCode
  readonly hint: string | undefined
  readonly place: string | undefined

  constructor(code: PaibanErrorCode, message: string, options: PaibanErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : {cause: options.cause})
    this.name = 'PaibanError'
    this.code = code
    this.hint = options.hint
    this.place = options.place
  }
}

/** The exit code an error stands for: 1 for anything that is not a PaibanError. */
export function exitCodeFor(error: unknown): number {
  return error instanceof PaibanError ? exitCodeOf[error.code] : 1
}
