import {PaibanError} from '../../errors.js'
import type {ResolvedTemplate} from '../../template/resolve.js'

/**
 * The error for characters no font of the template has (tofu, or a system
 * face that would print as Type 3): the first at its place in the source
 * when the source text is given, up to five named with their code points.
 */
export function missingGlyphError(points: number[], markdown: string | undefined, fileName: string, template: ResolvedTemplate): PaibanError {
  const first = String.fromCodePoint(points[0] ?? 0)
  const offset = markdown === undefined ? -1 : markdown.indexOf(first)
  const before = (markdown ?? '').slice(0, Math.max(offset, 0)).split('\n')
  const place = offset === -1 ? fileName : `${fileName}:${before.length}:${(before.at(-1)?.length ?? 0) + 1}`
  const list = points.slice(0, 5).map((point) => `“${String.fromCodePoint(point)}” (U+${point.toString(16).toUpperCase().padStart(4, '0')})`)
  return new PaibanError('E_MISSING_GLYPH', `No font of the template has ${list.join(', ')}${points.length > 5 ? ` and ${points.length - 5} more` : ''}`, {
    place,
    hint: `The template’s fonts (${template.fonts.map((font) => font.family).join(', ')}) lack these characters: replace them, or add a font that has them.`
  })
}
