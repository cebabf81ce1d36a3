import {mkdtemp, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {PDFDocument, rgb} from 'pdf-lib'
import {describe, expect, it} from 'vitest'
import {addBleedAndMarks} from '../../../src/press/bleed-marks.js'
import {tool} from '../../helpers/tools.js'
import {execFile} from 'node:child_process'
import {promisify} from 'node:util'

const mm = 72 / 25.4

/** A 100 × 60 mm page: a red band across the top edge, a blue box in the middle. */
async function sample(): Promise<Uint8Array> {
  const document = await PDFDocument.create()
  const page = document.addPage([100 * mm, 60 * mm])
  page.drawRectangle({x: 0, y: 40 * mm, width: 100 * mm, height: 20 * mm, color: rgb(1, 0, 0)})
  page.drawRectangle({x: 40 * mm, y: 20 * mm, width: 20 * mm, height: 10 * mm, color: rgb(0, 0, 1)})
  return document.save()
}

/** Render at 72 dpi (1 px = 1 pt) and read the pixel at (x, y) from the top-left. */
async function pixel(file: string, x: number, y: number): Promise<[number, number, number]> {
  const {stdout} = await promisify(execFile)('pdftoppm', ['-r', '72', '-x', String(Math.round(x)), '-y', String(Math.round(y)), '-W', '1', '-H', '1', file], {encoding: 'buffer'})
  const data = stdout.subarray(stdout.length - 3)
  return [data[0] ?? 0, data[1] ?? 0, data[2] ?? 0]
}

describe('addBleedAndMarks', () => {
  it('sets TrimBox to the trim, BleedBox 3 mm around it and a MediaBox with room for the marks', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'paiban-bleed-'))
    const file = path.join(directory, 'press.pdf')
    await writeFile(file, await addBleedAndMarks(await sample()))
    const boxes = await tool('pdfinfo', ['-box', file])
    const box = (name: string): number[] => (new RegExp(`${name}:\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)`).exec(boxes) ?? []).slice(1).map(Number)
    const room = 10 * mm
    expect(box('TrimBox').map((value, index) => value - [room, room, room + 100 * mm, room + 60 * mm][index]!).every((d) => Math.abs(d) < 0.1)).toBe(true)
    expect(box('BleedBox')[0]).toBeCloseTo(room - 3 * mm, 1)
    expect(box('MediaBox')).toEqual([0, 0, expect.closeTo(120 * mm, 1), expect.closeTo(80 * mm, 1)])

    // The red band reaches the top bleed edge, and the side bleed where it touches the sides;
    // nothing is painted beyond the bleed, nor beside the blue box, which touches no edge.
    expect(await pixel(file, room + 50 * mm, room - 1.5 * mm)).toEqual([255, 0, 0])
    expect(await pixel(file, room - 1.5 * mm, room + 5 * mm)).toEqual([255, 0, 0])
    expect(await pixel(file, room + 50 * mm, room - 4 * mm)).toEqual([255, 255, 255])
    expect(await pixel(file, room + 50 * mm, room + 70 * mm)).toEqual([255, 255, 255])
  })

  it('without marks, the MediaBox is the BleedBox', async () => {
    const document = await PDFDocument.load(await addBleedAndMarks(await sample(), {marks: 'none', bleedMm: 5}))
    const page = document.getPage(0)
    expect(page.getMediaBox()).toEqual(page.getBleedBox())
    expect(page.getTrimBox().x).toBeCloseTo(5 * mm, 3)
  })
})
