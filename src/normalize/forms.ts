import {isHan, isHanSide, isSpace, protectedMask} from './characters.js'
import type {Edit} from './tracked-text.js'

/**
 * Character forms that look right on screen but are the wrong characters
 * (GB/T 15834 punctuation, GB/T 15835 numbers): full-width letters and
 * digits, dashes typed as hyphens or box-drawing lines, Japanese middle
 * dots, the circle in a year typed for 〇. Each rule changes a form only
 * where the text around it says which character was meant, and never inside
 * URLs, e-mail addresses or code.
 */

/** ＡＢＣ１２３ → ABC123; with them the ． between digits and the ％ after one (１２．５％ → 12.5%). */
export function fixFullWidthAlphanumerics(text: string): Edit[] {
  const edits: Edit[] = []
  const locked = protectedMask(text)
  for (const match of text.matchAll(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]+/gu)) {
    if (locked[match.index] === true) continue
    const halfWidth = toHalfWidth(match[0])
    edits.push({start: match.index, end: match.index + match[0].length, insert: halfWidth, ruleId: 'fullwidth-alphanumeric', reason: `Unexpected full-width \`${match[0]}\`, expected \`${halfWidth}\``})
  }
  const digit = (character: string | undefined): boolean => character !== undefined && /[\d\uFF10-\uFF19]/u.test(character)
  for (let index = 0; index < text.length; index++) {
    const character = text[index]
    if (locked[index] === true) continue
    if (character === '．' && digit(text[index - 1]) && digit(text[index + 1])) {
      edits.push({start: index, end: index + 1, insert: '.', ruleId: 'fullwidth-alphanumeric', reason: 'Unexpected full-width `．` in a number, expected `.`'})
    } else if (character === '％' && digit(text[index - 1])) {
      edits.push({start: index, end: index + 1, insert: '%', ruleId: 'fullwidth-alphanumeric', reason: 'Unexpected full-width `％` after a number, expected `%`'})
    }
  }
  return edits
}

function toHalfWidth(value: string): string {
  return [...value].map((character) => String.fromCodePoint((character.codePointAt(0) ?? 0) - 0xFEE0)).join('')
}

/**
 * The dash (破折号) is two em dashes, ——. Typed as `--` between Chinese text,
 * or as two of ―, ─, －, or as one ⸺, it becomes ——. A single — stays: it is
 * also the 一字线 of 北京—上海. A run of three or more stays as written.
 */
export function fixDashes(text: string): Edit[] {
  const edits: Edit[] = []
  const locked = protectedMask(text)
  for (const match of text.matchAll(/-{2,}|[\u2014\u2015\u2500\uFF0D]{2}(?![\u2014\u2015\u2500\uFF0D])|\u2E3A/gu)) {
    const run = match[0]
    const start = match.index
    const end = start + run.length
    if (locked[start] === true || run === '——') continue
    if (start > 0 && /[\u2014\u2015\u2500\uFF0D]/u.test(text[start - 1] ?? '')) continue
    const before = nonSpace(text, start, -1)
    const after = nonSpace(text, end, 1)
    // `--` is also a command-line option and a Latin dash: only between Chinese text on both sides.
    const chinese = run.startsWith('-') ? isHanSide(before) && isHanSide(after) : isHanSide(before) || isHanSide(after)
    if (!chinese || (run.startsWith('-') && run.length > 3)) continue
    edits.push({start, end, insert: '——', ruleId: 'dash', reason: `Unexpected \`${run}\` as a dash, expected \`——\``})
  }
  return edits
}

/** 间隔号: ・ (Japanese), ･, •, ‧, ∙, ⋅ between Han characters → · (卡尔·马克思, 《三国志·蜀书》). */
export function fixMiddleDots(text: string): Edit[] {
  const edits: Edit[] = []
  const locked = protectedMask(text)
  for (const match of text.matchAll(/[\u30FB\uFF65\u2022\u2027\u2219\u22C5]/gu)) {
    const index = match.index
    if (locked[index] === true || !isHan(text[index - 1]) || !isHan(text[index + 1])) continue
    edits.push({start: index, end: index + 1, insert: '·', ruleId: 'middle-dot', reason: `Unexpected \`${match[0]}\` between Han characters, expected the middle dot \`·\``})
  }
  return edits
}

/**
 * A year in Han numerals writes zero as 〇 (GB/T 15835: 二〇二六年): the
 * circle ○, the letter O and the digit 0 typed for it, and 零, become 〇 —
 * in a year only, four numerals before 年.
 */
export function fixCircleZero(text: string): Edit[] {
  const edits: Edit[] = []
  const locked = protectedMask(text)
  for (const match of text.matchAll(/(?<![〇○◯OＯ0０零一二三四五六七八九])[〇○◯OＯ0０零一二三四五六七八九]{4}(?=年)/gu)) {
    const year = match[0]
    // At least two Han numerals: 2O26年 is a typo of another kind, left alone.
    if ([...year].filter((character) => '一二三四五六七八九'.includes(character)).length < 2) continue
    for (let offset = 0; offset < year.length; offset++) {
      const character = year[offset] ?? ''
      const index = match.index + offset
      if ('○◯OＯ0０零'.includes(character) && locked[index] !== true) {
        edits.push({start: index, end: index + 1, insert: '〇', ruleId: 'circle-zero', reason: `Unexpected \`${character}\` for zero in a year, expected \`〇\``})
      }
    }
  }
  return edits
}

function nonSpace(text: string, from: number, step: 1 | -1): string | undefined {
  for (let index = step === 1 ? from : from - 1; index >= 0 && index < text.length; index += step) {
    if (!isSpace(text[index])) return text[index]
  }
  return undefined
}
