import type {OutlineEntry} from '../../model/types.js'
import type {ResolvedTemplate, ResolvedTextStyle} from '../../template/resolve.js'

/**
 * The template's numbers as CSS: custom properties for styles/base.css, and
 * the @page rules of the print pages. This is where template data becomes CSS;
 * the stylesheets hold no page size, font or size of their own.
 */

/** Font stack of a role: the template's face only. No generic fallback, so a
 * missing glyph shows up in the font check instead of in a system face. */
function family(style: {font: {family: string}}): string {
  return `'${style.font.family}'`
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
    `--indent: ${body.indentChars}em;`,
    `--lead-font: '${template.lead.font.family}';`,
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

/** A CSS string literal. */
export function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`
}

/** Name of the named page of top-level section `index` (0-based). */
export function sectionPageName(index: number): string {
  return `section-${index + 1}`
}

/**
 * @page rules of the body: size and mirrored margins, page numbers at the foot,
 * running heads at the top. Chromium drops `string-set`, so each top-level
 * section gets a named page whose margin box holds its title as a literal.
 */
export function bodyPageRules(template: ResolvedTemplate, title: string, outline: OutlineEntry[]): string {
  const {page, runningHead, pageNumber} = template
  const margin = page.margin
  const numberContent = pageNumber.format
    .split('{page}')
    .map((part) => (part ? cssString(part) : ''))
    .join(' counter(page) ')
    .trim()
  const box = (extra: string): string =>
    `font-family: '${pageNumber.font.family}'; font-size: ${pageNumber.sizePt}pt; ${extra}`
  const headBox = (text: string, align: string): string =>
    `content: ${cssString(text)}; font-family: '${runningHead.font.family}'; font-size: ${runningHead.sizePt}pt; ` +
    `text-align: ${align}; vertical-align: bottom; padding-bottom: 2.5mm;` +
    (runningHead.rule ? ' border-bottom: 0.4pt solid #000; margin-bottom: 5mm;' : ' margin-bottom: 5mm;')
  const rightFoot = pageNumber.align === 'outside' ? '@bottom-right' : '@bottom-center'
  const leftFoot = pageNumber.align === 'outside' ? '@bottom-left' : '@bottom-center'
  const rules: string[] = [
    `@page {
  size: ${page.widthMm}mm ${page.heightMm}mm;
  margin: ${margin.topMm}mm ${margin.outsideMm}mm ${margin.bottomMm}mm ${margin.insideMm}mm;
}`,
    `@page :left {
  margin-left: ${page.twoSided ? margin.outsideMm : margin.insideMm}mm;
  margin-right: ${page.twoSided ? margin.insideMm : margin.outsideMm}mm;
  ${leftFoot} { content: ${numberContent}; ${box(`text-align: ${pageNumber.align === 'outside' ? 'left' : 'center'}; vertical-align: top; padding-top: 6mm;`)} }
}`,
    `@page :right {
  margin-left: ${margin.insideMm}mm;
  margin-right: ${margin.outsideMm}mm;
  ${rightFoot} { content: ${numberContent}; ${box(`text-align: ${pageNumber.align === 'outside' ? 'right' : 'center'}; vertical-align: top; padding-top: 6mm;`)} }
}`
  ]
  const headText = (kind: 'title' | 'section' | 'none', section: string | undefined): string | undefined =>
    kind === 'title' ? title : kind === 'section' ? (section ?? title) : undefined
  const sections = outline.filter((entry) => entry.level === 1)
  // The opening (title and any text before the first section) carries no running head.
  const pages: Array<{name: string; section: string | undefined}> = sections.map((entry, index) => ({
    name: sectionPageName(index),
    section: entry.text
  }))
  for (const {name, section} of pages) {
    const even = headText(runningHead.even, section)
    const odd = headText(runningHead.odd, section)
    if (even) rules.push(`@page ${name}:left { @top-center { ${headBox(even, 'center')} } }`)
    if (odd) rules.push(`@page ${name}:right { @top-center { ${headBox(odd, 'center')} } }`)
  }
  return rules.join('\n')
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
