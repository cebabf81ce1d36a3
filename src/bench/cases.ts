import {readFile} from 'node:fs/promises'

/** 1 → 一, 12 → 十二, 105 → 一百零五 (enough for the bench's section numbers). */
export function chineseNumeral(value: number): string {
  const digits = '零一二三四五六七八九'
  if (value < 10) return digits[value] ?? ''
  if (value < 20) return `十${value % 10 ? digits[value % 10] : ''}`
  if (value < 100) return `${digits[Math.floor(value / 10)]}十${value % 10 ? digits[value % 10] : ''}`
  const hundreds = `${digits[Math.floor(value / 100)]}百`
  const rest = value % 100
  if (rest === 0) return hundreds
  return rest < 10 ? `${hundreds}零${digits[rest]}` : `${hundreds}${rest < 20 ? '一' : ''}${chineseNumeral(rest)}`
}

/**
 * The seed repeated `times` over, its sections renumbered so every heading is
 * unique (一、…, 二、…, … 五百、…): ×100 is about 250,000 characters.
 */
export async function repeatedSeed(seedFile: string, times: number): Promise<string> {
  const text = await readFile(seedFile, 'utf8')
  const end = text.indexOf('\n---\n', 4) + 5
  const frontMatter = text.slice(0, end)
  const body = text.slice(end)
  let section = 0
  const parts: string[] = []
  for (let copy = 0; copy < times; copy++) {
    parts.push(body.replace(/^## [一二三四五六七八九十]+、/gm, () => `## ${chineseNumeral(++section)}、`))
  }
  return frontMatter + parts.join('\n')
}
