import {PaibanError} from '../errors.js'
import {utcDateTime} from './git.js'

/**
 * What `paiban diff` accepts on its command line, light enough to load
 * before the diff itself: the output formats and the date of the changes.
 */

/** The Word redline, or HTML/PDF for reading. */
export const redlineFormats = ['docx', 'html', 'pdf'] as const
export type RedlineFormat = (typeof redlineFormats)[number]

/** `--date`: an ISO 8601 date or date and time, as Word writes it (UTC, seconds). */
export function revisionDate(input: string): string {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(input) ? `${input}T00:00:00Z` : input
  const time = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN
  if (Number.isNaN(time)) {
    throw new PaibanError('E_USAGE', `Unexpected date \`${input}\`, expected an ISO 8601 date or date and time`, {
      hint: 'Write it as 2024-03-01 or 2024-03-01T08:00:00Z (or with an offset, +08:00).'
    })
  }
  return utcDateTime(new Date(time))
}
