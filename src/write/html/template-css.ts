import type {OutlineEntry} from '../../model/types.js'
import type {ResolvedTemplate, ResolvedTextStyle} from '../../template/resolve.js'

/**
 * The template's numbers as CSS: custom properties for styles/base.css, and
 * the @page rules of the print pages. This is where template data becomes CSS;
 * the stylesheets hold no page size, font or size of their own.
 */

/** Font stack of a role: the template's face only. No generic fallback, so a
 * missing glyph shows up in the font check instead of in a system face. */
function family(style: {font: {cssFamily: string}}): string {
  return `'${style.font.cssFamily}'`
}

function styleVariables(prefix: string, style: ResolvedTextStyle, bodyLineHeightPt: number): string[] {
  return [
    `--${prefix}-font: ${family(style)};`,
    `--${prefix}-size: ${style.sizePt}pt;`,
    `--${prefix}-weight: ${style.weight};`,
    `--${prefix}-leading: ${style.lineHeight};`,
    `--${prefix}-align: ${style.align};`,
    // Space is counted in lines of body text, as Chinese books do.
    `--${prefix}-before: ${round(style.spaceBeforeLines * bodyLineHeightPt)}pt;`,
    `--${prefix}-after: ${round(style.spaceAfterLines * bodyLineHeightPt)}pt;`
  ]
}

export function templateVariables(template: ResolvedTemplate): string {
  const {page, body} = template
  const bodyLineHeightPt = body.sizePt * body.lineHeight
  const typeWidthMm = page.widthMm - page.margin.insideMm - page.margin.outsideMm
  const lines = [
    `--page-width: ${page.widthMm}mm;`,
    `--page-height: ${page.heightMm}mm;`,
    `--type-width: ${typeWidthMm}mm;`,
    `--type-height: ${page.heightMm - page.margin.topMm - page.margin.bottomMm}mm;`,
    `--body-font: ${family(body)};`,
    `--body-size: ${body.sizePt}pt;`,
    `--body-leading: ${body.lineHeight};`,
    `--body-align: ${body.align};`,
    `--indent: ${charsLength(template, body.indentChars)};`,
    `--lead-font: '${template.lead.font.cssFamily}';`,
    `--lead-weight: ${template.lead.weight};`,
    ...styleVariables('title', template.cover.title, bodyLineHeightPt),
    ...styleVariables('subtitle', template.cover.subtitle, bodyLineHeightPt),
    ...styleVariables('imprint', template.cover.imprint, bodyLineHeightPt),
    ...styleVariables('toc', template.toc.entry, bodyLineHeightPt)
  ]
  template.headings.forEach((heading, index) => {
    lines.push(...styleVariables(`h${index + 1}`, heading, bodyLineHeightPt))
  })
  // Levels the template does not style look like its deepest level.
  for (let level = template.headings.length + 1; level <= 3; level++) {
    const deepest = template.headings[template.headings.length - 1]
    if (deepest) lines.push(...styleVariables(`h${level}`, deepest, bodyLineHeightPt))
  }
  return `:root {\n  ${lines.join('\n  ')}\n}`
}

/** A length of `chars` characters of `sizePt` text: grid cells on a grid, else em. */
function charsLength(template: ResolvedTemplate, chars: number): string {
  return template.grid ? `${round(chars * template.grid.charPitchPt)}pt` : `${chars}em`
}

/**
 * Rules that follow from template data beyond the custom properties: the
 * grid's tracking, heading indents and run-in headings, styles of heading
 * levels past the third. They come before styles/base.css in the page, so a
 * rule that overrides one of its rules starts with `:root` to outweigh it.
 */
export function templateRules(template: ResolvedTemplate): string {
  const rules: string[] = []
  const {grid, body} = template
  if (grid) {
    // Each character one cell: tracked so `charsPerLine` fill the measure (less a
    // hair, so a full line never overflows to the next), no punctuation squeezed.
    const trackingPt = (grid.charPitchPt * grid.charsPerLine - 0.5) / grid.charsPerLine - body.sizePt
    rules.push(
      `main { letter-spacing: ${round(trackingPt * 1000) / 1000}pt; text-spacing-trim: space-all; }`,
      // The title block keeps to the grid: its space after is whole lines, from the template.
      ':root .doc-title { letter-spacing: normal; margin: 0; }',
      ':root .doc-title h1 { margin: 0 0 var(--title-after); }',
      ':root .doc-title .doc-subtitle { margin: 0 0 var(--subtitle-after); line-height: var(--subtitle-leading); }',
      // Text in another face (a 楷体 lead sentence) keeps to the line's pitch
      // instead of growing the line box with its own ascent and descent.
      'main :is(span, strong, b, em, i, a, code, sup, sub, del, ins, s, mark) { line-height: 1; }'
    )
  }
  const tag = (level: number): string => `h${Math.min(level + 1, 6)}`
  for (const heading of template.headings) {
    const selector = tag(heading.level)
    if (heading.level > 3) {
      const prefix = `--h${heading.level}`
      rules.push(
        `:root ${selector} { font-family: var(${prefix}-font); font-size: var(${prefix}-size); font-weight: var(${prefix}-weight); ` +
          `line-height: var(${prefix}-leading); text-align: var(${prefix}-align); margin-top: var(${prefix}-before); margin-bottom: var(${prefix}-after); }`
      )
    }
    if (heading.indentChars > 0) rules.push(`${selector} { text-indent: ${charsLength(template, heading.indentChars)}; }`)
    if (heading.pageBreakBefore) rules.push(`${selector} { break-before: page; }`)
    if (heading.runIn) {
      // run-in.ts puts the heading and its paragraph in one div.run-in: both
      // inline there, the heading opens the paragraph's first line.
      rules.push(`.run-in > ${selector} { display: inline; text-indent: 0;${grid ? ' line-height: 1;' : ''} }`)
    }
  }
  if (template.headings.some((heading) => heading.runIn)) {
    rules.push(
      `.run-in { text-indent: ${charsLength(template, body.indentChars)}; text-align: ${body.align}; orphans: 2; widows: 2; }`,
      '.run-in > p { display: inline; }'
    )
  }
  // Table rules from the template (base.css boxes every cell in 0.5 pt).
  const {rules: tableRules, rulePt} = template.table
  if (tableRules !== 'grid' || rulePt !== 0.5) {
    rules.push(`:root th, :root td { border: ${rulePt}pt solid #000;${tableRules === 'horizontal' ? ' border-left: 0; border-right: 0;' : ''} }`)
  }
  // A face that only the page-number margin boxes use would not be loaded when
  // Chromium prints (it loads fonts for the document's own text), and the
  // numbers would print blank: set its characters, unseen, in the document.
  const numberCharacters = `${template.pageNumber.format.replace('{page}', '')}0123456789`
  rules.push(
    `main::after { content: ${cssString(numberCharacters)}; font-family: '${template.pageNumber.font.cssFamily}'; ` +
      'position: absolute; visibility: hidden; }'
  )
  return rules.join('\n')
}

/** Whether running heads name sections, which takes a named page per section (and a page break before each). */
export function usesSectionPages(template: ResolvedTemplate): boolean {
  return template.runningHead.even === 'section' || template.runningHead.odd === 'section'
}

/**
 * Where the body's page box goes. On a grid, the `linesPerPage` line boxes
 * (taller than the type area by one line pitch less a line) are centred on the
 * type area, so the first and last lines' text touch its top and foot.
 */
function printArea(template: ResolvedTemplate): {topMm: number; bottomMm: number} {
  const {page, grid} = template
  if (!grid) return {topMm: page.margin.topMm, bottomMm: page.margin.bottomMm}
  const ptToMm = 25.4 / 72
  const typeHeightMm = page.heightMm - page.margin.topMm - page.margin.bottomMm
  const linesMm = grid.linesPerPage * grid.linePitchPt * ptToMm
  const topMm = page.margin.topMm - (linesMm - typeHeightMm) / 2
  // Half a point to spare, so rounding never pushes the last line over.
  const bottomMm = page.heightMm - topMm - linesMm - 0.5 * ptToMm
  return {topMm: round(topMm * 1000) / 1000, bottomMm: round(bottomMm * 1000) / 1000}
}

/** A CSS string literal. */
export function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`
}

/** Name of the named page of top-level section `index` (0-based). */
export function sectionPageName(index: number): string {
  return `section-${index + 1}`
}

/**
 * What the body's pages carry around the text, as CSS declarations: margins
 * by side, the page number's and the running head's margin boxes. Shared by
 * the body's @page rules and by the furniture of a body printed in parts.
 */
function pageFurniture(template: ResolvedTemplate, title: string) {
  const {page, runningHead, pageNumber} = template
  const margin = page.margin
  const area = printArea(template)
  // The middle of the number's line lies `distanceMm` below the type area's foot.
  const ptToMm = 25.4 / 72
  const areaFootMm = page.heightMm - area.bottomMm
  const typeFootMm = page.heightMm - margin.bottomMm
  const numberTopMm = round(pageNumber.distanceMm - (pageNumber.sizePt / 2) * ptToMm - (areaFootMm - typeFootMm))
  const indent = pageNumber.indentChars > 0 ? `${pageNumber.indentChars}em` : '0'
  const box = (extra: string): string =>
    `font-family: '${pageNumber.font.cssFamily}'; font-size: ${pageNumber.sizePt}pt; line-height: 1; letter-spacing: normal; ${extra}`
  const outside = pageNumber.align === 'outside'
  return {
    area,
    /** The page's left and right margins: a left-hand page mirrors a right-hand one when two-sided. */
    sideMargins: (side: 'left' | 'right'): {leftMm: number; rightMm: number} =>
      side === 'right' || !page.twoSided ? {leftMm: margin.insideMm, rightMm: margin.outsideMm} : {leftMm: margin.outsideMm, rightMm: margin.insideMm},
    /** The page number's margin box, `content` being its CSS content (a counter, or the number itself). */
    numberBox: (side: 'left' | 'right', content: string): string =>
      `${outside ? `@bottom-${side}` : '@bottom-center'} { content: ${content}; ` +
      box(`text-align: ${outside ? side : 'center'}; vertical-align: top; padding-top: ${numberTopMm}mm;${outside ? ` padding-${side}: ${indent};` : ''}`) +
      ' }',
    /** The running head's text on a page of that side, in the section named (undefined: none). */
    headText: (side: 'left' | 'right', section: string | undefined): string | undefined => {
      const kind = side === 'left' ? runningHead.even : runningHead.odd
      return kind === 'title' ? title : kind === 'section' ? (section ?? title) : undefined
    },
    headBox: (text: string): string =>
      `@top-center { content: ${cssString(text)}; font-family: '${runningHead.font.cssFamily}'; font-size: ${runningHead.sizePt}pt; ` +
      `text-align: center; vertical-align: bottom; padding-bottom: 2.5mm;` +
      (runningHead.rule ? ' border-bottom: 0.4pt solid #000; margin-bottom: 5mm;' : ' margin-bottom: 5mm;') +
      ' }'
  }
}

/**
 * @page rules of the body: size and mirrored margins, page numbers at the foot,
 * running heads at the top. Chromium drops `string-set`, so each top-level
 * section gets a named page whose margin box holds its title as a literal.
 */
export function bodyPageRules(template: ResolvedTemplate, title: string, outline: OutlineEntry[]): string {
  const {runningHead, pageNumber} = template
  const furniture = pageFurniture(template, title)
  const numberContent = pageNumber.format
    .split('{page}')
    .map((part) => (part ? cssString(part) : ''))
    .join(' counter(page) ')
    .trim()
  const left = furniture.sideMargins('left')
  const right = furniture.sideMargins('right')
  const rules: string[] = [
    contentPageRules(template),
    `@page :left {
  margin-left: ${left.leftMm}mm;
  margin-right: ${left.rightMm}mm;
  ${furniture.numberBox('left', numberContent)}
}`,
    `@page :right {
  margin-left: ${right.leftMm}mm;
  margin-right: ${right.rightMm}mm;
  ${furniture.numberBox('right', numberContent)}
}`
  ]
  // As with the page numbers (templateRules), a face that only the running heads
  // use is not loaded when Chromium prints, and then no margin box of the page
  // prints at all: set their characters, unseen, in the document.
  if (runningHead.even !== 'none' || runningHead.odd !== 'none') {
    rules.push(`main::before { content: ${cssString(runningHeadCharacters(title, outline))}; font-family: '${runningHead.font.cssFamily}'; position: absolute; visibility: hidden; }`)
  }
  if (!usesSectionPages(template)) {
    // One running head for the whole body (the title, or none): no named pages,
    // so sections run on; the first page, which opens with the title, has none.
    const even = furniture.headText('left', undefined)
    const odd = furniture.headText('right', undefined)
    if (even) rules.push(`@page :left { ${furniture.headBox(even)} }`)
    if (odd) rules.push(`@page :right { ${furniture.headBox(odd)} }`)
    if (even || odd) rules.push('@page :first { @top-center { content: none; border: 0; } }')
    return rules.join('\n')
  }
  // The opening (title and any text before the first section) carries no running head.
  outline
    .filter((entry) => entry.level === 1)
    .forEach((entry, index) => {
      const name = sectionPageName(index)
      const even = furniture.headText('left', entry.text)
      const odd = furniture.headText('right', entry.text)
      if (even) rules.push(`@page ${name}:left { ${furniture.headBox(even)} }`)
      if (odd) rules.push(`@page ${name}:right { ${furniture.headBox(odd)} }`)
    })
  return rules.join('\n')
}

/** The running heads' characters, each once: a face loads for the characters it covers, not for how often they come. */
function runningHeadCharacters(title: string, outline: OutlineEntry[]): string {
  return [...new Set([title, ...outline.filter((entry) => entry.level === 1).map((entry) => entry.text)].join(''))].join('')
}

/**
 * The body's page box: its size, every page with a right-hand page's margins,
 * nothing in the margins. The body's own rules start with it; alone, it is
 * the rules of a later part of a body printed in parts (write/pdf/parts.ts):
 * left and right pages have the same measure, so the text breaks as in the
 * whole body, and the furniture (furniturePageRules) is laid over it after.
 */
export function contentPageRules(template: ResolvedTemplate): string {
  const {page} = template
  const furniture = pageFurniture(template, '')
  const {area} = furniture
  const right = furniture.sideMargins('right')
  return `@page {
  size: ${page.widthMm}mm ${page.heightMm}mm;
  margin: ${area.topMm}mm ${right.rightMm}mm ${area.bottomMm}mm ${right.leftMm}mm;
}`
}

/** One page of a later part, for its furniture: the number it prints, its side, its section's title. */
export interface FurniturePage {
  number: number
  /** The top-level section the page is in (undefined: before the first). */
  section: string | undefined
}

/** Name of the named page that carries the furniture of one page of a later part. */
export function furniturePageName(index: number): string {
  return `furniture-${index + 1}`
}

/**
 * @page rules for the furniture of a later part's pages: one named page each,
 * with the margin boxes the body's own rules give that page (its number
 * literal, since the part's pages are numbered after the parts before it) and
 * the side's margins, which place the boxes. Appended to the front's page,
 * whose own @page rules they outweigh: a page name weighs more than a side
 * (and Chromium drops a rule with a list of page selectors). A literal number
 * lands within 0.01 pt of where Chromium sets its page counter.
 */
export function furniturePageRules(template: ResolvedTemplate, title: string, pages: FurniturePage[]): string {
  const {page, pageNumber} = template
  const furniture = pageFurniture(template, title)
  const {area} = furniture
  return pages
    .map(({number, section}, index) => {
      const side = number % 2 === 0 ? 'left' : 'right'
      const {leftMm, rightMm} = furniture.sideMargins(side)
      const head = furniture.headText(side, usesSectionPages(template) ? section : undefined)
      const declarations = [
        `size: ${page.widthMm}mm ${page.heightMm}mm;`,
        `margin: ${area.topMm}mm ${rightMm}mm ${area.bottomMm}mm ${leftMm}mm;`,
        furniture.numberBox(side, cssString(pageNumber.format.replace('{page}', String(number)))),
        ...(head ? [furniture.headBox(head)] : [])
      ]
      const name = furniturePageName(index)
      return `@page ${name} { ${declarations.join(' ')} }`
    })
    .concat('.furniture-page { break-before: page; height: 1px; }', '.furniture-characters { position: absolute; visibility: hidden; }')
    .join('\n')
}

/** @page rules of the cover and 目录: same size, no running head, no number. */
export function frontPageRules(template: ResolvedTemplate): string {
  const {page} = template
  const margin = page.margin
  return `@page {
  size: ${page.widthMm}mm ${page.heightMm}mm;
  margin: ${margin.topMm}mm ${margin.outsideMm}mm ${margin.bottomMm}mm ${margin.insideMm}mm;
}
@page :left { margin-left: ${margin.outsideMm}mm; margin-right: ${margin.insideMm}mm; }
@page cover { margin: ${margin.topMm * 2}mm ${margin.outsideMm}mm ${margin.bottomMm * 1.5}mm ${margin.insideMm}mm; }
.cover { page: cover; height: ${round(page.heightMm - margin.topMm * 2 - margin.bottomMm * 1.5)}mm; break-after: page; }
.blank-page { page: cover; break-after: page; height: 1px; }
.toc { break-before: page; }`
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}

/** The named page of the blank pages that keep sections on right-hand pages. */
export const blankPageName = 'paiban-blank'

/**
 * The blank page a recto start inserts: no running head, no page number.
 * `@page paiban-blank:left` outweighs `@page :left` (named page and pseudo-class),
 * so each margin box the other rules fill is emptied here.
 */
export function blankPageRules(): string {
  const boxes = ['top-left', 'top-center', 'top-right', 'bottom-left', 'bottom-center', 'bottom-right']
  const empty = boxes.map((box) => `@${box} { content: none; border: none; }`).join(' ')
  return [
    `@page ${blankPageName}:left { ${empty} }`,
    `@page ${blankPageName}:right { ${empty} }`,
    `.recto-blank { page: ${blankPageName}; height: 1px; }`
  ].join('\n')
}
