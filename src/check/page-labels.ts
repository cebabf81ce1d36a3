import {PDFArray, PDFDict, PDFName, PDFNumber, PDFString, PDFHexString, type PDFDocument} from 'pdf-lib'

/**
 * The label of every page (`i`, `ii`, `1` …) from the catalog's /PageLabels
 * number tree (PDF 32000 §12.4.2); physical numbers where there is none.
 */
export function pageLabels(document: PDFDocument): string[] {
  const count = document.getPageCount()
  const physical = Array.from({length: count}, (_, index) => String(index + 1))
  const tree = document.catalog.lookupMaybe(PDFName.of('PageLabels'), PDFDict)
  const nums = tree?.lookupMaybe(PDFName.of('Nums'), PDFArray)
  if (!nums) return physical
  const ranges: Array<{start: number; style: string | undefined; prefix: string; first: number}> = []
  for (let index = 0; index + 1 < nums.size(); index += 2) {
    const start = nums.lookupMaybe(index, PDFNumber)?.asNumber() ?? 0
    const label = nums.lookupMaybe(index + 1, PDFDict)
    const prefix = label?.lookup(PDFName.of('P'))
    ranges.push({
      start,
      style: label?.lookupMaybe(PDFName.of('S'), PDFName)?.decodeText(),
      prefix: prefix instanceof PDFString || prefix instanceof PDFHexString ? prefix.decodeText() : '',
      first: label?.lookupMaybe(PDFName.of('St'), PDFNumber)?.asNumber() ?? 1
    })
  }
  return physical.map((_, page) => {
    const range = ranges.findLast((candidate) => candidate.start <= page)
    if (!range) return String(page + 1)
    const value = range.first + page - range.start
    return range.prefix + format(value, range.style)
  })
}

function format(value: number, style: string | undefined): string {
  switch (style) {
    case 'D':
      return String(value)
    case 'r':
      return roman(value).toLowerCase()
    case 'R':
      return roman(value)
    case 'a':
    case 'A': {
      const letter = String.fromCharCode(65 + ((value - 1) % 26)).repeat(Math.floor((value - 1) / 26) + 1)
      return style === 'a' ? letter.toLowerCase() : letter
    }
    default:
      return ''
  }
}

function roman(value: number): string {
  const numerals: Array<[number, string]> = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']]
  let rest = value
  let result = ''
  for (const [amount, numeral] of numerals) {
    while (rest >= amount) {
      result += numeral
      rest -= amount
    }
  }
  return result
}
