import {numbers, parseContent, pdfNumber} from './content-stream.js'
import {apply, identity, multiply, type Matrix} from '../pdf/matrix.js'
import type {Rect} from './geometry.js'

/**
 * Backgrounds that reach the trim must reach the bleed edge, or a hair of
 * white shows after trimming. Chromium stops every fill at its page edge,
 * so the press step finds the filled rectangles that touch a trim edge (a
 * page background, a cover colour, a band across the top) and paints the
 * bleed strip beyond that edge in the same colour, under the page.
 * Only solid fills in a device colour are extended; images are not.
 */

interface Fill {
  rect: Rect
  color: string
}

/** Solid, non-white fills of axis-aligned rectangles (`re`, or four lines), in page space. */
export function filledRectangles(content: string): Fill[] {
  const fills: Fill[] = []
  let ctm: Matrix = identity
  let color: string | undefined
  const stack: Array<{ctm: Matrix; color: string | undefined}> = []
  // Subpaths as points in page space; a curve makes the path no rectangle.
  let subpaths: Array<Array<[number, number]>> = []
  let curved = false
  const point = (x: number, y: number): [number, number] => apply(ctm, x, y)
  const reset = (): void => {
    subpaths = []
    curved = false
  }
  for (const operation of parseContent(content)) {
    const values = numbers(operation)
    switch (operation.operator) {
      case 'q':
        stack.push({ctm, color})
        break
      case 'Q':
        ;({ctm, color} = stack.pop() ?? {ctm: identity, color: undefined})
        break
      case 'cm':
        if (values?.length === 6) ctm = multiply(values as Matrix, ctm)
        break
      case 'rg':
        color = values?.length === 3 && !values.every((value) => value === 1) ? `${values.map(pdfNumber).join(' ')} rg` : undefined
        break
      case 'g':
        color = values?.length === 1 && values[0] !== 1 ? `${pdfNumber(values[0] ?? 0)} g` : undefined
        break
      case 'k':
        color = values?.length === 4 && !values.every((value) => value === 0) ? `${values.map(pdfNumber).join(' ')} k` : undefined
        break
      case 'cs':
      case 'sc':
      case 'scn':
        // Colour spaces by resource name (patterns, ICC) are not extended.
        color = undefined
        break
      case 're': {
        const [x = 0, y = 0, width = 0, height = 0] = values ?? []
        subpaths.push([point(x, y), point(x + width, y), point(x + width, y + height), point(x, y + height)])
        break
      }
      case 'm':
        subpaths.push([point(values?.[0] ?? 0, values?.[1] ?? 0)])
        break
      case 'l':
        subpaths.at(-1)?.push(point(values?.[0] ?? 0, values?.[1] ?? 0))
        break
      case 'c':
      case 'v':
      case 'y':
        curved = true
        break
      case 'f':
      case 'F':
      case 'f*':
      case 'B':
      case 'B*':
        if (!curved && color) {
          for (const subpath of subpaths) {
            const rect = rectangleOf(subpath)
            if (rect) fills.push({rect, color})
          }
        }
        reset()
        break
      case 'n':
      case 'S':
      case 's':
      case 'b':
      case 'b*':
        reset()
        break
      default:
        break
    }
  }
  return fills
}

/** The rectangle four (or five, closing) points trace, if they trace one with sides on the axes. */
function rectangleOf(points: Array<[number, number]>): Rect | undefined {
  const corners = points.length === 5 && near(points[0], points[4]) ? points.slice(0, 4) : points
  if (corners.length !== 4) return undefined
  for (let index = 0; index < 4; index++) {
    const [x1, y1] = corners[index] ?? [0, 0]
    const [x2, y2] = corners[(index + 1) % 4] ?? [0, 0]
    if (Math.abs(x1 - x2) > 0.01 && Math.abs(y1 - y2) > 0.01) return undefined
  }
  const xs = corners.map(([x]) => x)
  const ys = corners.map(([, y]) => y)
  const x = Math.min(...xs)
  const y = Math.min(...ys)
  return {x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y}
}

function near(a: [number, number] | undefined, b: [number, number] | undefined): boolean {
  return a !== undefined && b !== undefined && Math.abs(a[0] - b[0]) < 0.01 && Math.abs(a[1] - b[1]) < 0.01
}

/**
 * Content that paints the bleed beyond every trim edge a fill touches (within
 * `tolerance` points: Chromium's page is up to half a point off the nominal
 * size), in the page's own coordinates, to go under the page.
 */
export function bleedFillContent(content: string, trim: Rect, bleed: number, tolerance = 1): string {
  const left = trim.x
  const right = trim.x + trim.width
  const bottom = trim.y
  const top = trim.y + trim.height
  const strips: string[] = []
  for (const {rect, color} of filledRectangles(content)) {
    const rx1 = rect.x
    const rx2 = rect.x + rect.width
    const ry1 = rect.y
    const ry2 = rect.y + rect.height
    if (rx2 <= left || rx1 >= right || ry2 <= bottom || ry1 >= top) continue
    const touchesLeft = rx1 <= left + tolerance
    const touchesRight = rx2 >= right - tolerance
    const touchesBottom = ry1 <= bottom + tolerance
    const touchesTop = ry2 >= top - tolerance
    if (!touchesLeft && !touchesRight && !touchesBottom && !touchesTop) continue
    // The rectangle clipped to the trim, then grown past each edge it touches.
    const x1 = touchesLeft ? left - bleed : Math.max(rx1, left)
    const x2 = touchesRight ? right + bleed : Math.min(rx2, right)
    const y1 = touchesBottom ? bottom - bleed : Math.max(ry1, bottom)
    const y2 = touchesTop ? top + bleed : Math.min(ry2, top)
    strips.push(`${color} ${[x1, y1, x2 - x1, y2 - y1].map(pdfNumber).join(' ')} re f`)
  }
  return strips.length === 0 ? '' : `q\n${strips.join('\n')}\nQ\n`
}
