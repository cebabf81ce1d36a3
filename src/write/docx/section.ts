import {
  DocumentGridType,
  Footer,
  Header,
  NumberFormat,
  PageNumber,
  Paragraph,
  SectionType,
  TextRun,
  VerticalAlignSection,
  type FileChild,
  type ISectionOptions,
  type ISectionPropertiesOptions
} from 'docx'
import type {BuildContext} from '../../context.js'
import {formatDate} from '../../model/date.js'
import {typeWidthPt} from '../../template/type-area.js'
import {wordGrid} from './grid.js'
import {styleIds} from './style-names.js'
import {footerLineTwips} from './styles.js'
import {balancedLines} from './title-lines.js'
import {toTwips} from './units.js'

/**
 * Header distance from the page edge. The PDF sets the running head about
 * 5 mm above the text in the booklet's 22 mm margins; 12 mm from the edge puts
 * Word's in about the same place (never more than half the top margin).
 */
const headerMm = 12

/**
 * Footer distance from the page's foot to the foot of the number's line, so
 * the line's middle lies `pageNumber.distanceMm` below the type area, as in
 * the PDF (GB/T 9704: 7 mm).
 */
function footerTwips(build: BuildContext): number {
  const {page, pageNumber} = build.template
  return Math.max(0, toTwips(page.margin.bottomMm - pageNumber.distanceMm) - Math.round(footerLineTwips(build.template) / 2))
}

type HeaderGroup = NonNullable<ISectionOptions['headers']>
type FooterGroup = NonNullable<ISectionOptions['footers']>

/**
 * Page size and margins from the template. Two-sided books mirror: `w:left`
 * is then the inside (binding) margin, which settings.xml's `w:mirrorMargins`
 * (added in finish.ts) swaps onto the right of even pages.
 */
function pageProperties(build: BuildContext): NonNullable<ISectionPropertiesOptions['page']> {
  const {page} = build.template
  return {
    size: {width: toTwips(page.widthMm), height: toTwips(page.heightMm)},
    margin: {
      top: toTwips(page.margin.topMm),
      bottom: toTwips(page.margin.bottomMm),
      left: toTwips(page.margin.insideMm),
      right: toTwips(page.margin.outsideMm),
      header: toTwips(Math.min(headerMm, page.margin.topMm / 2)),
      footer: footerTwips(build),
      gutter: 0
    }
  }
}

/** `w:docGrid` linesAndChars when the template fixes lines and characters (GB/T 9704: 22 × 28). */
function gridProperties(build: BuildContext): Pick<ISectionPropertiesOptions, 'grid'> {
  const grid = wordGrid(build.template)
  return grid ? {grid: {type: DocumentGridType.LINES_AND_CHARS, linePitch: grid.linePitchTwips, charSpace: grid.charSpace}} : {}
}

/**
 * The title (and subtitle) at the head of the body, for templates with no
 * cover (公文, handout), as the PDF prints it. A long title is broken into
 * lines of even length, as 公文 titles are (GB/T 9704: trapezoid or diamond).
 */
function titleBlock(build: BuildContext): Paragraph[] {
  const {meta} = build.document
  const {cover, page} = build.template
  const lines = balancedLines(meta.title, Math.floor(typeWidthPt(page) / cover.title.sizePt))
  return [
    new Paragraph({style: styleIds.title, children: lines.map((line, index) => new TextRun({text: line, ...(index > 0 ? {break: 1} : {})}))}),
    ...(meta.subtitle ? [new Paragraph({style: styleIds.subtitle, text: meta.subtitle})] : [])
  ]
}

/** The cover: title, subtitle, issuer and date, centred on the page, with no head or number. */
export function coverSection(build: BuildContext): ISectionOptions {
  const {meta} = build.document
  const imprint = [meta.issuer, meta.date ? formatDate(meta.date) : undefined].filter((line): line is string => Boolean(line))
  return {
    properties: {page: pageProperties(build), verticalAlign: VerticalAlignSection.CENTER},
    children: [
      new Paragraph({style: styleIds.title, text: meta.title}),
      ...(meta.subtitle ? [new Paragraph({style: styleIds.subtitle, text: meta.subtitle})] : []),
      ...imprint.map((line) => new Paragraph({style: styleIds.coverImprint, text: line}))
    ]
  }
}

/**
 * The 目录 section, unnumbered. In a two-sided book it starts on a right-hand
 * page, leaving the back of the cover blank, as the PDF does.
 */
export function tocSection(build: BuildContext, children: FileChild[], afterCover: boolean): ISectionOptions {
  const type = afterCover && build.template.page.twoSided ? SectionType.ODD_PAGE : SectionType.NEXT_PAGE
  return {properties: {page: pageProperties(build), type}, headers: blankHeaders(build), footers: blankFooters(build), children: endingInParagraph(children)}
}

/** One top-level section of the body: its title feeds the running head of its pages. */
export interface BodySection {
  /** The section's heading text; undefined for text before the first heading (no running head, as in the PDF). */
  title: string | undefined
  children: FileChild[]
}

/**
 * Body sections, each a Word section so odd pages can carry its own title.
 * Each starts on a new page when level-1 headings break the page (the
 * booklet's do); numbering restarts at 1 with the first and runs on after.
 *
 * A header or footer that is the same as the section before's is not written
 * again: the section links to it, as Word's "Link to Previous" does (a
 * section without a reference of a type takes the previous section's). So a
 * book writes its page numbers and its even-page head once, and one odd-page
 * head per section, not four parts per section.
 */
export function bodySections(build: BuildContext, sections: readonly BodySection[]): ISectionOptions[] {
  const breakPage = build.template.headings[0]?.pageBreakBefore !== false
  const opening = build.template.cover.show ? [] : titleBlock(build)
  let previous: RunningHeadTexts | undefined
  return sections.map((section, index) => {
    const heads = runningHeadTexts(build, section.title)
    const changed = (type: keyof RunningHeadTexts): boolean => previous === undefined || heads[type] !== previous[type]
    const headers: HeaderGroup = {
      ...(changed('default') ? {default: headerWith(heads.default)} : {}),
      ...(build.template.page.twoSided && changed('even') ? {even: headerWith(heads.even)} : {})
    }
    previous = heads
    return {
      properties: {
        page: {...pageProperties(build), ...(index === 0 ? {pageNumbers: {start: 1, formatType: NumberFormat.DECIMAL}} : {})},
        ...gridProperties(build),
        type: index === 0 || breakPage ? SectionType.NEXT_PAGE : SectionType.CONTINUOUS
      },
      headers,
      // The page numbers are the same in every body section.
      footers: index === 0 ? pageNumberFooters(build) : {},
      children: endingInParagraph(index === 0 ? [...opening, ...section.children] : section.children)
    }
  })
}

/**
 * A section break is written into the section's last paragraph; after a table
 * or the TOC, docx would add an unstyled one, so we add a Normal one ourselves.
 */
function endingInParagraph(children: readonly FileChild[]): FileChild[] {
  return children.at(-1) instanceof Paragraph ? [...children] : [...children, new Paragraph({style: styleIds.body})]
}

/**
 * Running heads (书眉): even pages show what `runningHead.even` names, odd pages
 * `runningHead.odd` (book title, section title, or nothing). With
 * `evenAndOddHeaderAndFooters`, `default` is the odd-page header.
 */
interface RunningHeadTexts {
  default: string | undefined
  even: string | undefined
}

function runningHeadTexts(build: BuildContext, sectionTitle: string | undefined): RunningHeadTexts {
  const {runningHead} = build.template
  const bookTitle = build.document.meta.title
  const text = (kind: 'title' | 'section' | 'none'): string | undefined =>
    sectionTitle === undefined || kind === 'none' ? undefined : kind === 'title' ? bookTitle : sectionTitle
  return {default: text(runningHead.odd), even: text(runningHead.even)}
}

/**
 * A header holding the running head. An empty one is a Normal paragraph: the
 * header style draws the rule under the head, which should not stand alone.
 */
function headerWith(text: string | undefined): Header {
  return new Header({children: [text === undefined ? new Paragraph({style: styleIds.body}) : new Paragraph({style: styleIds.header, text})]})
}

/**
 * The page number as the template writes it (`— {page} —` → "— " PAGE " —"),
 * at the outer edge when two-sided and `align: outside`: the footer style
 * sets it right on odd pages, 偶数页页脚 left on even pages.
 */
function pageNumberFooters(build: BuildContext): FooterGroup {
  const {pageNumber, page} = build.template
  const [before = '', after = ''] = pageNumber.format.split('{page}')
  const number = (style: string): Footer =>
    new Footer({children: [new Paragraph({style, children: [new TextRun({children: [before, PageNumber.CURRENT, after]})]})]})
  if (!page.twoSided) return {default: number(styleIds.footer)}
  return {default: number(styleIds.footer), even: number(pageNumber.align === 'outside' ? styleIds.footerEven : styleIds.footer)}
}

/** Front matter carries neither running head nor number; explicit, since Word sections inherit them. */
function blankHeaders(build: BuildContext): HeaderGroup {
  return build.template.page.twoSided ? {default: headerWith(undefined), even: headerWith(undefined)} : {default: headerWith(undefined)}
}

function blankFooters(build: BuildContext): FooterGroup {
  const blank = (): Footer => new Footer({children: [new Paragraph({style: styleIds.body})]})
  return build.template.page.twoSided ? {default: blank(), even: blank()} : {default: blank()}
}
