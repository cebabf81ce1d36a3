import {
  AlignmentType,
  BorderStyle,
  DocumentDefaults,
  LineRuleType,
  type IParagraphStyleOptions,
  type ICharacterStyleOptions,
  type IFontAttributesProperties,
  type IParagraphStylePropertiesOptions,
  type IRunStylePropertiesOptions,
  type IStylesOptions
} from 'docx'
import type {DocumentMeta} from '../../model/types.js'
import type {ResolvedFont, ResolvedTemplate, ResolvedTextStyle} from '../../template/resolve.js'
import {chineseSizes} from '../../template/sizes.js'
import {headingStyleId, ownStyleNames, styleIds, tocStyleId, wordStyleName} from './style-names.js'
import {wordGrid} from './grid.js'
import {linePitchTwips, pointsToTwips, toHalfPoints, toTwips} from './units.js'

/** Latin face for code; every Word and WPS install has it. */
export const monospaceLatinFont = 'Courier New'

/** Notes are set a step below 五号 body: 小五, as Chinese books do. */
const footnoteSizePt = chineseSizes.小五

/**
 * `w:rFonts` for a template font: Han in the East Asian face (宋体, 黑体),
 * Latin and digits in the Latin face, and `w:hint="eastAsia"` so ambiguous
 * marks (“” ‘’ · — …) take the East Asian face too (guide §5).
 */
export function runFonts(font: ResolvedFont, latin = font.word.latin): IFontAttributesProperties {
  return {ascii: latin, hAnsi: latin, cs: latin, eastAsia: font.word.eastAsia, hint: 'eastAsia'}
}

/** Word's language pair: Latin text per the document, East Asian text Chinese. */
export function runLanguage(meta: DocumentMeta): {value: string; eastAsia: string} {
  return {value: meta.lang, eastAsia: /^(zh|ja|ko)\b/i.test(meta.lang) ? meta.lang : 'zh-CN'}
}

/** Word styles from the template: one place for fonts, sizes, spacing and indents. */
export function buildStyles(template: ResolvedTemplate, meta: DocumentMeta): IStylesOptions {
  const body = template.body
  // On a document grid (公文: 22 lines) every line takes one grid pitch, set
  // exactly: an exact spacing is what Word keeps on a grid, whatever the size.
  const grid = wordGrid(template)
  const bodyPitch = grid?.linePitchTwips ?? linePitchTwips(body.sizePt, body.lineHeight)
  const lineRule = grid ? LineRuleType.EXACT : LineRuleType.AT_LEAST
  const lineOf = (style: ResolvedTextStyle): number => grid?.linePitchTwips ?? linePitchTwips(style.sizePt, style.lineHeight)
  // A character's advance: its size, or on a grid the grid's character pitch.
  const charTwips = (sizePt: number, chars: number): number => pointsToTwips((template.grid && sizePt === body.sizePt ? template.grid.charPitchPt : sizePt) * chars)
  // The 2-character indent of every body paragraph, as characters (stays right when the
  // size changes) with twips as the fallback for readers that ignore `firstLineChars`.
  const bodyIndent = {firstLine: charTwips(body.sizePt, body.indentChars), firstLineChars: body.indentChars * 100}
  const noIndent = {firstLine: 0, firstLineChars: 0}
  const textWidth = toTwips(template.page.widthMm - template.page.margin.insideMm - template.page.margin.outsideMm)

  const run = (style: ResolvedTextStyle): IRunStylePropertiesOptions => ({
    font: runFonts(style.font),
    size: toHalfPoints(style.sizePt),
    sizeComplexScript: toHalfPoints(style.sizePt),
    ...(style.weight === 700 ? {bold: true} : {})
  })
  const paragraph = (style: ResolvedTextStyle): IParagraphStylePropertiesOptions => ({
    alignment: alignmentOf(style.align),
    spacing: {
      line: lineOf(style),
      lineRule,
      before: Math.round(style.spaceBeforeLines * bodyPitch),
      after: Math.round(style.spaceAfterLines * bodyPitch)
    },
    indent: noIndent
  })

  const headings: IParagraphStyleOptions[] = template.headings.map((heading) => ({
    id: headingStyleId(heading.level),
    name: wordStyleName(heading.wordStyle ?? `heading ${heading.level}`),
    basedOn: styleIds.body,
    next: styleIds.body,
    quickFormat: true,
    run: run(heading),
    paragraph: {
      ...paragraph(heading),
      ...(heading.indentChars > 0 ? {indent: {firstLine: charTwips(heading.sizePt, heading.indentChars), firstLineChars: heading.indentChars * 100}} : {}),
      keepNext: true,
      keepLines: true,
      outlineLevel: heading.level - 1
    }
  }))

  const entry = template.toc.entry
  const tocLevels: IParagraphStyleOptions[] = Array.from({length: template.toc.depth}, (_, index) => ({
    id: tocStyleId(index + 1),
    name: index === 0 ? wordStyleName(entry.wordStyle ?? 'toc 1') : `toc ${index + 1}`,
    basedOn: styleIds.body,
    next: styleIds.body,
    uiPriority: 39,
    run: run(entry),
    // Each level sits 2 characters further in; the page number's dot-leader tab
    // is at the text's right edge (the leader is added in finish.ts).
    paragraph: {
      ...paragraph(entry),
      indent: {left: charTwips(entry.sizePt, 2 * index), ...noIndent},
      rightTabStop: textWidth
    }
  }))

  const cover = template.cover
  const heading1 = template.headings[0] ?? cover.title
  const outside = template.pageNumber.align === 'outside'
  const numberIndent = pointsToTwips(template.pageNumber.indentChars * template.pageNumber.sizePt)
  const codeRun: IRunStylePropertiesOptions = {...run(body), font: runFonts(body.font, monospaceLatinFont)}
  const footnoteRun: IRunStylePropertiesOptions = {...run(body), size: toHalfPoints(footnoteSizePt), sizeComplexScript: toHalfPoints(footnoteSizePt)}
  const rule = {style: BorderStyle.SINGLE, size: 4, space: 1, color: 'auto'}

  const paragraphStyles: IParagraphStyleOptions[] = [
    {
      id: styleIds.body,
      name: wordStyleName(body.wordStyle ?? 'Normal'),
      quickFormat: true,
      // On a grid narrower than the type size (28 × 16 pt > 156 mm), Word fits
      // each character to its cell; LibreOffice gives a character wider than a
      // cell two. Condensing by whole twentieths of a point to just under the
      // cell keeps both at one character per cell.
      run: {...run(body), ...(template.grid ? {characterSpacing: Math.floor((template.grid.charPitchPt - body.sizePt) * 20)} : {})},
      paragraph: {
        alignment: alignmentOf(body.align),
        spacing: {line: bodyPitch, lineRule, before: 0, after: 0},
        indent: bodyIndent
      }
    },
    ...headings,
    {
      id: styleIds.title,
      name: wordStyleName(cover.title.wordStyle ?? 'Title'),
      basedOn: styleIds.body,
      next: styleIds.subtitle,
      quickFormat: true,
      run: run(cover.title),
      paragraph: {...paragraph(cover.title), spacing: {...paragraph(cover.title).spacing, after: bodyPitch}}
    },
    {
      id: styleIds.subtitle,
      name: wordStyleName(cover.subtitle.wordStyle ?? 'Subtitle'),
      basedOn: styleIds.body,
      next: styleIds.body,
      quickFormat: true,
      run: run(cover.subtitle),
      paragraph: paragraph(cover.subtitle)
    },
    {
      id: styleIds.coverImprint,
      name: wordStyleName(cover.imprint.wordStyle ?? ownStyleNames.coverImprint),
      basedOn: styleIds.body,
      next: styleIds.coverImprint,
      quickFormat: true,
      run: run(cover.imprint),
      // The PDF pushes the imprint to the cover's foot; Word has no such layout, so
      // it keeps 6 lines from the title block. Issuer and date sit together
      // (contextual spacing drops the space between two imprint lines).
      paragraph: {
        ...paragraph(cover.imprint),
        spacing: {...paragraph(cover.imprint).spacing, before: Math.max(6, cover.imprint.spaceBeforeLines) * bodyPitch},
        contextualSpacing: true
      }
    },
    {
      id: styleIds.tocHeading,
      name: 'TOC Heading',
      basedOn: styleIds.body,
      next: styleIds.body,
      uiPriority: 39,
      run: run(heading1),
      paragraph: {...paragraph(heading1), alignment: AlignmentType.CENTER, spacing: {...paragraph(heading1).spacing, before: 0, after: bodyPitch}}
    },
    ...tocLevels,
    {
      id: styleIds.quote,
      name: 'Quote',
      basedOn: styleIds.body,
      next: styleIds.body,
      quickFormat: true,
      // A quotation is body text set in from both sides by the paragraph indent.
      paragraph: {indent: {left: bodyIndent.firstLine, right: bodyIndent.firstLine, ...bodyIndent}}
    },
    // Items keep the body's first-line indent: the number sits where a paragraph's
    // first character would and the text wraps to the margin, as Chinese books set
    // 1.…（1）… points; nesting moves the whole item in (numbering.ts).
    {id: styleIds.listParagraph, name: 'List Paragraph', basedOn: styleIds.body, quickFormat: true},
    {
      id: styleIds.code,
      name: 'HTML Preformatted',
      basedOn: styleIds.body,
      run: codeRun,
      paragraph: {alignment: AlignmentType.LEFT, indent: {left: bodyIndent.firstLine, ...noIndent}}
    },
    {
      id: styleIds.footnoteText,
      name: 'footnote text',
      basedOn: styleIds.body,
      run: footnoteRun,
      paragraph: {
        spacing: {line: linePitchTwips(footnoteSizePt, Math.min(body.lineHeight, 1.5)), lineRule: LineRuleType.AT_LEAST},
        indent: {firstLine: charTwips(footnoteSizePt, body.indentChars), firstLineChars: body.indentChars * 100}
      }
    },
    {
      id: styleIds.header,
      name: 'header',
      basedOn: styleIds.body,
      run: {font: runFonts(template.runningHead.font), size: toHalfPoints(template.runningHead.sizePt), sizeComplexScript: toHalfPoints(template.runningHead.sizePt)},
      paragraph: {
        alignment: AlignmentType.CENTER,
        spacing: {line: linePitchTwips(template.runningHead.sizePt, 1.2), lineRule: LineRuleType.AT_LEAST},
        indent: noIndent,
        ...(template.runningHead.rule ? {border: {bottom: rule}} : {})
      }
    },
    {
      id: styleIds.footer,
      name: 'footer',
      basedOn: styleIds.body,
      run: {font: runFonts(template.pageNumber.font), size: toHalfPoints(template.pageNumber.sizePt), sizeComplexScript: toHalfPoints(template.pageNumber.sizePt)},
      // Odd (right-hand) pages carry the number at the outer, right edge, `indentChars`
      // in (GB/T 9704: one character). An exact line places it where section.ts says.
      paragraph: {
        alignment: outside ? AlignmentType.RIGHT : AlignmentType.CENTER,
        spacing: {line: footerLineTwips(template), lineRule: LineRuleType.EXACT},
        indent: {...noIndent, ...(outside ? {right: numberIndent} : {})}
      }
    },
    {
      id: styleIds.footerEven,
      name: ownStyleNames.footerEven,
      basedOn: styleIds.footer,
      paragraph: {alignment: outside ? AlignmentType.LEFT : AlignmentType.CENTER, indent: {...noIndent, left: outside ? numberIndent : 0, right: 0}}
    },
    {
      id: styleIds.tableText,
      name: ownStyleNames.tableText,
      basedOn: styleIds.body,
      paragraph: {
        alignment: AlignmentType.LEFT,
        spacing: {line: linePitchTwips(body.sizePt, 1.3), lineRule: LineRuleType.AT_LEAST},
        indent: noIndent
      }
    },
    {id: styleIds.tableHeading, name: ownStyleNames.tableHeading, basedOn: styleIds.tableText, run: {bold: true}, paragraph: {alignment: AlignmentType.CENTER}},
    {
      id: styleIds.figure,
      name: ownStyleNames.figure,
      basedOn: styleIds.body,
      next: styleIds.body,
      // Single (auto) spacing: an "at least" or exact pitch would clip the picture.
      paragraph: {alignment: AlignmentType.CENTER, spacing: {line: 240, lineRule: LineRuleType.AUTO, before: Math.round(bodyPitch / 2), after: Math.round(bodyPitch / 2)}, indent: noIndent}
    },
    {
      // Word's built-in `caption`: the figure's title, under it, centred and a size smaller.
      id: styleIds.caption,
      name: 'caption',
      basedOn: styleIds.body,
      next: styleIds.body,
      run: {size: Math.round(body.sizePt * 2 * 0.9)},
      paragraph: {alignment: AlignmentType.CENTER, spacing: {after: Math.round(bodyPitch / 2)}, indent: noIndent}
    },
    {
      id: styleIds.thematicBreak,
      name: ownStyleNames.thematicBreak,
      basedOn: styleIds.body,
      next: styleIds.body,
      // A short centred rule: the middle third of the line.
      paragraph: {
        alignment: AlignmentType.CENTER,
        indent: {left: Math.round(textWidth / 3), right: Math.round(textWidth / 3), ...noIndent},
        spacing: {after: bodyPitch},
        border: {bottom: rule}
      }
    },
    ...officialStyles(body.sizePt, bodyPitch)
  ]

  const characterStyles: ICharacterStyleOptions[] = [
    {
      id: styleIds.leadSentence,
      name: ownStyleNames.leadSentence,
      quickFormat: true,
      run: {font: runFonts(template.lead.font), bold: template.lead.weight === 700}
    },
    {id: styleIds.hyperlink, name: 'Hyperlink', run: {color: '0563C1', underline: {}}},
    {id: styleIds.footnoteReference, name: 'footnote reference', run: {superScript: true}},
    // TOC entries link to their headings but should look like plain entries.
    {id: styleIds.tocLink, name: ownStyleNames.tocLink}
  ]

  return {
    // Only our styles: docx's defaults add styles Word does not have as such (a
    // paragraph style "Strong", a character style based on a missing one).
    importedStyles: [new DocumentDefaults({run: {font: runFonts(body.font), size: toHalfPoints(body.sizePt), language: runLanguage(meta)}})],
    paragraphStyles,
    characterStyles
  }
}

/**
 * The 公文 elements' styles (GB/T 9704-2012 §7.3, guide §2), in the body's
 * font and size: 主送 flush left under the title; 附件说明 one line below
 * the body, 2 characters in (handlers/official.ts hangs the numbers); 署名
 * and 成文日期 at the right, the date 4 characters in, with room above the
 * signature for the seal. The handler centres the signature over the date.
 */
/** Characters the 附件说明 stands in from the left margin (GB/T 9704 §7.3.4: 左空二字). */
export const attachmentIndentChars = 2

/** Characters the 成文日期 stands in from the right margin (GB/T 9704 §7.3.5.1: 右空四字). */
export const dateIndentChars = 4

function officialStyles(sizePt: number, bodyPitch: number): IParagraphStyleOptions[] {
  const chars = (count: number): number => pointsToTwips(sizePt * count)
  const flush = {firstLine: 0, firstLineChars: 0}
  return [
    {id: styleIds.addressee, name: ownStyleNames.addressee, basedOn: styleIds.body, next: styleIds.body, quickFormat: true, paragraph: {indent: flush}},
    {
      id: styleIds.attachments,
      name: ownStyleNames.attachments,
      basedOn: styleIds.body,
      next: styleIds.attachments,
      quickFormat: true,
      paragraph: {alignment: AlignmentType.LEFT, indent: {left: chars(attachmentIndentChars), ...flush}, spacing: {before: bodyPitch}, contextualSpacing: true, keepLines: true}
    },
    {
      id: styleIds.signature,
      name: ownStyleNames.signature,
      basedOn: styleIds.body,
      next: styleIds.issueDate,
      quickFormat: true,
      paragraph: {alignment: AlignmentType.RIGHT, indent: {right: chars(dateIndentChars), ...flush}, spacing: {before: bodyPitch * 2}, contextualSpacing: true, keepNext: true, keepLines: true}
    },
    {
      id: styleIds.issueDate,
      name: ownStyleNames.issueDate,
      basedOn: styleIds.body,
      next: styleIds.body,
      quickFormat: true,
      paragraph: {alignment: AlignmentType.RIGHT, indent: {right: chars(dateIndentChars), ...flush}, keepLines: true}
    }
  ]
}

export function alignmentOf(align: ResolvedTextStyle['align']): (typeof AlignmentType)[keyof typeof AlignmentType] {
  switch (align) {
    case 'center':
      return AlignmentType.CENTER
    case 'right':
      return AlignmentType.RIGHT
    case 'justify':
      return AlignmentType.BOTH
    case 'left':
      return AlignmentType.LEFT
  }
}

/** The footer's line: the number's size × 1.2, exactly, so its middle is where section.ts puts it. */
export function footerLineTwips(template: ResolvedTemplate): number {
  return pointsToTwips(template.pageNumber.sizePt * 1.2)
}
