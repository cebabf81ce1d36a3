import {PDFArray, PDFDict, PDFName, PDFNumber, PDFObjectCopier, PDFPage, PDFRef, type PDFDocument, type PDFObject, type PDFPageLeaf} from 'pdf-lib'
import {pageContentBytes} from '../../pdf/stream.js'

/* The parts of a body printed in parts (parts.ts), made one PDF. */

const name = (value: string): PDFName => PDFName.of(value)

/**
 * Put the rest's pages after the first part's, in `first`: the pages, their
 * tags (under the first part's document element, their parent tree keys
 * after the first's) and their bookmarks (under the first part's last
 * top-level bookmark, the title's, as the sections of the whole body are).
 * `shift(index)`: how far to move the text of the joined page `index`
 * (points, to the right), its links and bookmarks with it.
 */
export function joinParts(first: PDFDocument, rest: PDFDocument, shift: (pageIndex: number) => number): void {
  const copier = PDFObjectCopier.for(rest.context, first.context)
  const offset = first.getPageCount()
  const firstRoot = first.catalog.lookupMaybe(name('StructTreeRoot'), PDFDict)
  const restRoot = rest.catalog.lookupMaybe(name('StructTreeRoot'), PDFDict)
  const keyOffset = firstRoot ? nextParentTreeKey(firstRoot) : 0
  const shifts = new Map<string, number>()

  rest.getPages().forEach((page, index) => {
    const ref = copier.copy(page.ref) as PDFRef
    const node = first.context.lookup(ref) as PDFPageLeaf
    const key = node.lookupMaybe(name('StructParents'), PDFNumber)
    if (key) node.set(name('StructParents'), PDFNumber.of(key.asNumber() + keyOffset))
    const dx = shift(offset + index)
    forEachAnnotation(node, (annotation) => {
      const annotationKey = annotation.lookupMaybe(name('StructParent'), PDFNumber)
      if (annotationKey) annotation.set(name('StructParent'), PDFNumber.of(annotationKey.asNumber() + keyOffset))
      if (dx !== 0) moveArray(annotation, 'Rect', dx)
    })
    if (dx !== 0) {
      shiftContents(first, node, dx)
      shifts.set(ref.toString(), dx)
    }
    first.addPage(PDFPage.of(node, ref, first))
  })

  if (firstRoot && restRoot) joinStructure(first, firstRoot, restRoot, copier, keyOffset)
  joinOutlines(first, rest, copier, shifts)
}

/** The parent tree's next key: the root's own count, else one past its largest key. */
function nextParentTreeKey(root: PDFDict): number {
  const next = root.lookupMaybe(name('ParentTreeNextKey'), PDFNumber)
  if (next) return next.asNumber()
  const tree = root.lookupMaybe(name('ParentTree'), PDFDict)
  const keys = tree ? numberTreeEntries(tree).map(([key]) => key) : []
  return keys.length === 0 ? 0 : Math.max(...keys) + 1
}

/** A number tree's entries, leaves in order (flat /Nums, or /Kids). */
function numberTreeEntries(tree: PDFDict): Array<[number, PDFObject]> {
  const entries: Array<[number, PDFObject]> = []
  const nums = tree.lookupMaybe(name('Nums'), PDFArray)
  if (nums) {
    for (let index = 0; index + 1 < nums.size(); index += 2) {
      const key = nums.lookup(index)
      if (key instanceof PDFNumber) entries.push([key.asNumber(), nums.get(index + 1)])
    }
  }
  const kids = tree.lookupMaybe(name('Kids'), PDFArray)
  if (kids) {
    for (let index = 0; index < kids.size(); index++) {
      const kid = kids.lookupMaybe(index, PDFDict)
      if (kid) entries.push(...numberTreeEntries(kid))
    }
  }
  return entries
}

/** The element the body's tags hang from: the root's one /Document element, else the root. */
function documentElement(root: PDFDict): {element: PDFDict; ref: PDFRef | undefined} {
  const kids = root.get(name('K'))
  if (kids instanceof PDFRef) {
    const element = root.context.lookupMaybe(kids, PDFDict)
    if (element) return {element, ref: kids}
  }
  return {element: root, ref: undefined}
}

function asArray(context: PDFDocument['context'], value: PDFObject | undefined): PDFArray {
  if (value instanceof PDFArray) return value
  const array = context.obj([])
  if (value !== undefined) array.push(value)
  return array
}

function joinStructure(first: PDFDocument, firstRoot: PDFDict, restRoot: PDFDict, copier: PDFObjectCopier, keyOffset: number): void {
  const target = documentElement(firstRoot)
  const source = documentElement(restRoot)
  const targetKids = asArray(first.context, target.element.get(name('K')))
  target.element.set(name('K'), targetKids)
  const parent = target.ref ?? first.context.getObjectRef(firstRoot)
  const sourceKids = asArray(restRoot.context, source.element.get(name('K')))
  for (let index = 0; index < sourceKids.size(); index++) {
    const kid = sourceKids.get(index)
    // Cut the kid from its old parent first, or copying it would copy the rest's whole tree.
    const kidDict = kid instanceof PDFRef ? restRoot.context.lookupMaybe(kid, PDFDict) : undefined
    kidDict?.delete(name('P'))
    const copied = copier.copy(kid)
    const copiedDict = copied instanceof PDFRef ? first.context.lookupMaybe(copied, PDFDict) : undefined
    if (copiedDict && parent) copiedDict.set(name('P'), parent)
    targetKids.push(copied)
  }
  // One flat number tree: the first part's entries, then the rest's, keyed after them.
  const firstTree = firstRoot.lookupMaybe(name('ParentTree'), PDFDict)
  const restTree = restRoot.lookupMaybe(name('ParentTree'), PDFDict)
  const nums = first.context.obj([])
  for (const [key, value] of firstTree ? numberTreeEntries(firstTree) : []) {
    nums.push(PDFNumber.of(key))
    nums.push(value)
  }
  for (const [key, value] of restTree ? numberTreeEntries(restTree) : []) {
    nums.push(PDFNumber.of(key + keyOffset))
    nums.push(copier.copy(value))
  }
  firstRoot.set(name('ParentTree'), first.context.register(first.context.obj({Nums: nums})))
  firstRoot.set(name('ParentTreeNextKey'), PDFNumber.of(keyOffset + nextParentTreeKey(restRoot)))
}

function joinOutlines(first: PDFDocument, rest: PDFDocument, copier: PDFObjectCopier, shifts: ReadonlyMap<string, number>): void {
  const restOutlines = rest.catalog.lookupMaybe(name('Outlines'), PDFDict)
  const restFirst = restOutlines?.get(name('First'))
  if (!restOutlines || !(restFirst instanceof PDFRef)) return
  // The rest's top-level bookmarks, cut from their old parent before copying.
  const roots: PDFRef[] = []
  for (let ref: PDFObject | undefined = restFirst; ref instanceof PDFRef; ) {
    const item: PDFDict = rest.context.lookup(ref, PDFDict)
    item.delete(name('Parent'))
    roots.push(ref)
    ref = item.get(name('Next'))
  }
  const copiedRoots = roots.map((ref) => copier.copy(ref) as PDFRef)
  let outlines = first.catalog.lookupMaybe(name('Outlines'), PDFDict)
  if (!outlines) {
    outlines = first.context.obj({Type: 'Outlines', Count: 0})
    first.catalog.set(name('Outlines'), first.context.register(outlines))
  }
  // The first part's last top-level bookmark is the title's (the body opens
  // with it), and the whole body's sections are its children.
  const lastRoot = outlines.get(name('Last'))
  const parentRef = lastRoot instanceof PDFRef ? lastRoot : first.context.getObjectRef(outlines)
  const parent = lastRoot instanceof PDFRef ? first.context.lookup(lastRoot, PDFDict) : outlines
  if (!parentRef) return
  const previous = parent.get(name('Last'))
  const head = copiedRoots[0] as PDFRef
  const tail = copiedRoots[copiedRoots.length - 1] as PDFRef
  if (previous instanceof PDFRef) {
    first.context.lookup(previous, PDFDict).set(name('Next'), head)
    first.context.lookup(head, PDFDict).set(name('Prev'), previous)
  } else {
    parent.set(name('First'), head)
  }
  parent.set(name('Last'), tail)
  for (const ref of copiedRoots) first.context.lookup(ref, PDFDict).set(name('Parent'), parentRef)
  // Open items count the items shown under them; a closed one counts them negative.
  const added = Math.abs(rest.catalog.lookupMaybe(name('Outlines'), PDFDict)?.lookupMaybe(name('Count'), PDFNumber)?.asNumber() ?? copiedRoots.length)
  const parentCount = parent.lookupMaybe(name('Count'), PDFNumber)?.asNumber() ?? 0
  if (parentCount >= 0) {
    parent.set(name('Count'), PDFNumber.of(parentCount + added))
    if (parent !== outlines) outlines.set(name('Count'), PDFNumber.of((outlines.lookupMaybe(name('Count'), PDFNumber)?.asNumber() ?? 0) + added))
  } else {
    parent.set(name('Count'), PDFNumber.of(parentCount - added))
  }
  // Bookmarks into moved pages move with their text.
  if (shifts.size > 0) for (const ref of copiedRoots) shiftBookmarks(first, first.context.lookup(ref, PDFDict), shifts)
}

function shiftBookmarks(document: PDFDocument, item: PDFDict, shifts: ReadonlyMap<string, number>): void {
  const destination = item.lookupMaybe(name('Dest'), PDFArray)
  const page = destination?.get(0)
  const dx = page instanceof PDFRef ? shifts.get(page.toString()) : undefined
  const left = destination?.lookup(2)
  if (destination && dx !== undefined && left instanceof PDFNumber) destination.set(2, PDFNumber.of(left.asNumber() + dx))
  const child = item.get(name('First'))
  if (child instanceof PDFRef) {
    for (let ref: PDFObject | undefined = child; ref instanceof PDFRef; ) {
      const childItem: PDFDict = document.context.lookup(ref, PDFDict)
      shiftBookmarks(document, childItem, shifts)
      ref = childItem.get(name('Next'))
    }
  }
}

function forEachAnnotation(page: PDFPageLeaf, visit: (annotation: PDFDict) => void): void {
  const annotations = page.lookupMaybe(name('Annots'), PDFArray)
  if (!annotations) return
  for (let index = 0; index < annotations.size(); index++) {
    const annotation = annotations.lookupMaybe(index, PDFDict)
    if (annotation) visit(annotation)
  }
}

/** Move an array of x, y pairs (a rectangle, quad points) by dx. */
function moveArray(dict: PDFDict, key: string, dx: number): void {
  const array = dict.lookupMaybe(name(key), PDFArray)
  if (!array) return
  for (let index = 0; index < array.size(); index += 2) {
    const x = array.lookup(index)
    if (x instanceof PDFNumber) array.set(index, PDFNumber.of(x.asNumber() + dx))
  }
}

/** The page's content streams as an array (one stream or several). */
function contentArray(document: PDFDocument, page: PDFPageLeaf): PDFArray {
  const contents = page.get(name('Contents'))
  const array = asArray(document.context, contents === undefined ? undefined : contents)
  page.set(name('Contents'), array)
  return array
}

/** Move the page's text by dx: its content in a translated, saved graphics state. */
function shiftContents(document: PDFDocument, page: PDFPageLeaf, dx: number): void {
  const contents = contentArray(document, page)
  const before = document.context.register(document.context.flateStream(`q 1 0 0 1 ${round(dx)} 0 cm\n`))
  const after = document.context.register(document.context.flateStream('\nQ\n'))
  const items = [before, ...Array.from({length: contents.size()}, (_, index) => contents.get(index)), after]
  page.set(name('Contents'), document.context.obj(items))
}

/**
 * Lay each furniture page (`furniture`, pages `from` on, printed with the
 * front) over the body's page `at` on, as a form of its own, marked as an
 * artifact: it is page furniture, not the text's, as Chromium marks it too.
 */
export function layFurniture(body: PDFDocument, at: number, furniture: PDFDocument, from: number, count: number): void {
  const copier = PDFObjectCopier.for(furniture.context, body.context)
  for (let index = 0; index < count; index++) {
    const source = furniture.getPage(from + index)
    const target = body.getPage(at + index)
    const {width, height} = source.getSize()
    // One form per page; one copier for all, so the fonts' subsets are copied once.
    const resources = source.node.Resources()
    const form = body.context.flateStream(pageContentBytes(source), {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, width, height],
      Resources: resources ? copier.copy(resources) : body.context.obj({})
    })
    const formRef = body.context.register(form)
    const formName = target.node.newXObject('PaibanFurniture', formRef)
    const draw = body.context.register(body.context.flateStream(`\n/Artifact BMC q /${formName.asString().slice(1)} Do Q EMC\n`))
    const contents = contentArray(body, target.node)
    contents.push(draw)
  }
}

function round(value: number): string {
  return String(Math.round(value * 10000) / 10000)
}
