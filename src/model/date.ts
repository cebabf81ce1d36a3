/**
 * Dates as Chinese publishing writes them: `2023-06` → 2023年6月,
 * `2023-06-05` → 2023年6月5日 (Arabic numerals, as GB/T 9704-2012 asks).
 * Anything else is shown as written.
 */
export function formatDate(value: string): string {
  const match = /^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$/.exec(value.trim())
  if (!match) return value
  const [, year, month, day] = match
  return `${year}年${month ? `${Number(month)}月` : ''}${day ? `${Number(day)}日` : ''}`
}

/** Seconds since the epoch of a front-matter date (UTC midnight), or undefined. */
export function epochOfDate(value: string): number | undefined {
  const match = /^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$/.exec(value.trim())
  if (!match) return undefined
  const [, year, month, day] = match
  return Date.UTC(Number(year), Number(month ?? 1) - 1, Number(day ?? 1)) / 1000
}
