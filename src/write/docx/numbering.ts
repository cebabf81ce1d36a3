import type {List} from 'mdast'
import {AlignmentType, LevelFormat, LevelSuffix, type ILevelsOptions, type NumberingDefinition} from 'docx'
import type {ResolvedTemplate} from '../../template/resolve.js'
import {pointsToTwips} from './units.js'

/** Word has nine list levels (0–8); deeper Markdown nesting stays at the last. */
export const maxListLevel = 8

/**
 * The numbering definition a list uses: one for bullets, one per start
 * number for ordered lists (Word sets the start in the definition).
 */
export function numberingReference(node: List): string {
  return node.ordered ? `ordered-${node.start ?? 1}` : 'bullet'
}

/**
 * Ordered levels count 1. → （1） → ①, as Chinese outlines do; bullets go
 * ● ○ ■. The number stands at the body's first-line indent and the text
 * wraps to the margin (like a paragraph), each level 2 characters further in.
 */
export function numberingDefinitions(references: ReadonlySet<string>, template: ResolvedTemplate): NumberingDefinition[] {
  return [...references].sort().map((reference) => ({
    reference,
    levels: Array.from({length: maxListLevel + 1}, (_, level) => levelOf(reference, level, template))
  }))
}

const orderedLevels = [
  {format: LevelFormat.DECIMAL, text: (n: number) => `%${n}.`, suffix: LevelSuffix.SPACE},
  {format: LevelFormat.DECIMAL, text: (n: number) => `（%${n}）`, suffix: LevelSuffix.NOTHING},
  {format: LevelFormat.DECIMAL_ENCLOSED_CIRCLE, text: (n: number) => `%${n}`, suffix: LevelSuffix.NOTHING}
] as const

const bullets = ['●', '○', '■'] as const

function levelOf(reference: string, level: number, template: ResolvedTemplate): ILevelsOptions {
  const {body} = template
  const charTwips = pointsToTwips(body.sizePt)
  const paragraph = {
    indent: {left: level * 2 * charTwips, firstLine: body.indentChars * charTwips, firstLineChars: body.indentChars * 100}
  }
  const start = Number(/^ordered-(\d+)$/.exec(reference)?.[1] ?? 1)
  if (reference === 'bullet') {
    const text = bullets[level % bullets.length] ?? '●'
    return {level, format: LevelFormat.BULLET, text, alignment: AlignmentType.LEFT, suffix: LevelSuffix.SPACE, style: {paragraph}}
  }
  const kind = orderedLevels[level % orderedLevels.length] ?? orderedLevels[0]
  return {level, format: kind.format, text: kind.text(level + 1), start, alignment: AlignmentType.LEFT, suffix: kind.suffix, style: {paragraph}}
}
