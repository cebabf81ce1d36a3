import {tool} from './tools.js'

/** A line of text as `pdftotext -bbox-layout` reads it, in millimetres from the page's top left. */
export interface TextLine {
  xMin: number
  yMin: number
  xMax: number
  yMax: number
  text: string
}

const mmPerPt = 25.4 / 72

/** Every page's lines, in reading order. pdftotext's boxes run from the fonts' ascent to their descent. */
export async function pdfLines(file: string): Promise<TextLine[][]> {
  const xml = await tool('pdftotext', ['-bbox-layout', file, '-'])
  return xml
    .split('<page ')
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)].map((match) => ({
        xMin: Number(match[1]) * mmPerPt,
        yMin: Number(match[2]) * mmPerPt,
        xMax: Number(match[3]) * mmPerPt,
        yMax: Number(match[4]) * mmPerPt,
        text: [...(match[5] ?? '').matchAll(/>([^<]*)<\/word>/g)].map((word) => word[1] ?? '').join('')
      }))
    )
}
