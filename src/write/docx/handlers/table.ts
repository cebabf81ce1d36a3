import type {AlignType, Data, Table as MdastTable, TableCell as MdastTableCell} from 'mdast'
import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  WidthType,
  type FileChild
} from 'docx'
import type {DocxContext, DocxState} from '../context.js'
import {paragraphMark, rowMark} from '../revision.js'
import {styleIds} from '../style-names.js'
import {inlines} from './inline.js'

/**
 * A GFM table across the text width, in equal columns, ruled as the
 * template says (`table`: boxed, or rules between rows only).
 * The first row is the header: it repeats at the top of every page
 * (`w:tblHeader`) and is set in the 表格标题 style. Column alignment comes
 * from the Markdown delimiter row, the one direct paragraph property here.
 */
export function table(node: MdastTable, context: DocxContext, state: DocxState): FileChild[] {
  const {rules, rulePt} = context.build.template.table
  // Border widths are in eighths of a point.
  const line = {style: BorderStyle.SINGLE, size: Math.round(rulePt * 8), color: 'auto'}
  const none = {style: BorderStyle.NONE, size: 0, color: 'auto'}
  const vertical = rules === 'grid' ? line : none
  const columns = Math.max(1, ...node.children.map((row) => row.children.length))
  const columnWidth = Math.floor(context.textWidthTwips / columns)
  const rows = node.children.map(
    (row, rowIndex) =>
      new TableRow({
        ...(rowIndex === 0 ? {tableHeader: true} : {}),
        cantSplit: true,
        // A redline's row only one version has: the row and its cells' paragraph marks are tracked.
        ...rowMark(row.data, state.revisions),
        children: Array.from({length: columns}, (_, column) =>
          cell(row.children[column], node.align?.[column] ?? null, rowIndex === 0, columnWidth, context, state, row.data)
        )
      })
  )
  return [
    new Table({
      rows,
      width: {size: columnWidth * columns, type: WidthType.DXA},
      columnWidths: Array.from({length: columns}, () => columnWidth),
      layout: TableLayoutType.FIXED,
      borders: {top: line, bottom: line, left: vertical, right: vertical, insideHorizontal: line, insideVertical: vertical}
    })
  ]
}

function cell(
  node: MdastTableCell | undefined,
  align: AlignType,
  header: boolean,
  width: number,
  context: DocxContext,
  state: DocxState,
  rowData: Data | undefined
): TableCell {
  const alignment = alignmentOf(align)
  return new TableCell({
    width: {size: width, type: WidthType.DXA},
    verticalAlign: VerticalAlignTable.CENTER,
    children: [
      new Paragraph({
        style: header ? styleIds.tableHeading : styleIds.tableText,
        children: node ? inlines(node.children, context, state) : [],
        ...(alignment ? {alignment} : {}),
        ...paragraphMark(rowData, state.revisions)
      })
    ]
  })
}

function alignmentOf(align: AlignType): (typeof AlignmentType)[keyof typeof AlignmentType] | undefined {
  switch (align) {
    case 'left':
      return AlignmentType.LEFT
    case 'center':
      return AlignmentType.CENTER
    case 'right':
      return AlignmentType.RIGHT
    case null:
      return undefined
  }
}
