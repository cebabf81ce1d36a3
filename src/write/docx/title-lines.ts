/**
 * A title broken into lines of even length, as Word will not do it: a 公文
 * title longer than a line is set as a trapezoid or diamond (GB/T 9704), never
 * a full line and a stub. The PDF gets the same from `text-wrap: balance`.
 */

/** Marks that may not start a line (clreq, basic level). */
const noLineStart = new Set([...'，。、；：！？）》」』】”’…—·'])
/** Marks that may not end one. */
const noLineEnd = new Set([...'（《「『【“‘'])

/** `text` in as few lines of at most `perLine` characters as it needs, each about as long as the others. */
export function balancedLines(text: string, perLine: number): string[] {
  const characters = [...text]
  if (perLine < 1 || characters.length <= perLine) return [text]
  const count = Math.ceil(characters.length / perLine)
  const lines: string[] = []
  let start = 0
  for (let line = 1; line < count; line++) {
    const remaining = characters.length - start
    let end = start + Math.ceil(remaining / (count - line + 1))
    // Keep a closing mark with what it closes and an opening mark with what it opens.
    while (end < characters.length && end - start < perLine && (noLineStart.has(characters[end] ?? '') || noLineEnd.has(characters[end - 1] ?? ''))) end++
    while (end > start + 1 && (noLineStart.has(characters[end] ?? '') || noLineEnd.has(characters[end - 1] ?? ''))) end--
    lines.push(characters.slice(start, end).join(''))
    start = end
  }
  lines.push(characters.slice(start).join(''))
  return lines
}
