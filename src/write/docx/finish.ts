import type {PackageParts} from './compile.js'

/**
 * The last step of the Word writer: small, schema-valid edits of the XML docx
 * generated, for what its API cannot say or leaves to chance. Each edit names
 * the element it anchors on and fails loudly if a docx upgrade moves it,
 * rather than writing a broken file. The parts are edited as docx's compiler
 * gave them (text), before they are zipped once (zip.ts).
 */

export interface FinishOptions {
  /** The build's time: dates in core.xml (the zip's are set in zip.ts). */
  epochSeconds: number
  /** The text's language (BCP 47, `zh-CN`), as core.xml's `dc:language`; docx has no option for it. */
  language?: string
  /** Mirror the margins (inside/outside) in settings.xml. */
  twoSided: boolean
  /** East Asian fonts the styles name, with the font Word should use where one is missing. */
  fonts?: ReadonlyArray<{name: string; altName: string | undefined}>
  /** The document holds tracked changes (a redline): put each paragraph mark's change first in its `w:rPr`. */
  tracked?: boolean
}

/** Edit the parts in place. */
export function finishParts(parts: PackageParts, options: Readonly<FinishOptions>): void {
  edit(parts, 'word/settings.xml', (xml) => settings(xml, options.twoSided))
  edit(parts, 'word/styles.xml', styles)
  edit(parts, 'word/document.xml', tocEntryTabs)
  if (options.tracked) for (const part of ['word/document.xml', 'word/footnotes.xml']) if (parts.has(part)) edit(parts, part, trackedMarksFirst)
  if (options.fonts?.length) edit(parts, 'word/fontTable.xml', (xml) => fontTable(xml, options.fonts ?? []))
  edit(parts, 'docProps/core.xml', (xml) => coreLanguage(coreDates(xml, options.epochSeconds), options.language))
  dropEmptyRelationships(parts)
  for (const path of parts.keys()) if (/^word\/(?:header|footer)\d+\.xml$/.test(path)) edit(parts, path, usedNamespacesOnly)
  stableRelationshipIds(parts)
  stableBookmarkIds(parts)
}

/**
 * Headers and footers: docx declares some 30 namespaces on each (2 KB), of
 * which a running head or a page number uses one or two; a book has a header
 * per section. Keep the declarations of the prefixes the part uses (in an
 * element or attribute name, or in `mc:Ignorable`).
 */
function usedNamespacesOnly(xml: string): string {
  const root = /^(<\?xml[^>]*\?>)?<([\w]+:(?:hdr|ftr))((?: xmlns:[\w]+="[^"]*")+)>/.exec(xml)
  if (!root) throw unexpected('a header or footer part', 'its namespace declarations')
  const [start, declaration = '', name = '', declarations = ''] = root
  const body = xml.slice(start.length)
  const used = new Set([name.split(':')[0], ...[...body.matchAll(/[<\s/]([\w]+):/g)].map((match) => match[1])])
  for (const ignorable of body.matchAll(/mc:Ignorable="([^"]*)"/g)) for (const prefix of (ignorable[1] ?? '').split(' ')) used.add(prefix)
  const kept = [...declarations.matchAll(/ xmlns:([\w]+)="[^"]*"/g)].filter((match) => used.has(match[1])).map((match) => match[0])
  return `${declaration}<${name}${kept.join('')}>${body}`
}

/**
 * docx writes a relationships part for every header and footer, empty unless
 * it holds an image. A part with no relationships needs none (OPC §9.3), and a
 * book has one header per section: leave the empty ones out.
 */
function dropEmptyRelationships(parts: PackageParts): void {
  const empty = /^(?:<\?xml[^>]*\?>)?<Relationships xmlns="[^"]*"\/>$/
  for (const [path, data] of parts) if (path.endsWith('.rels') && typeof data === 'string' && empty.test(data)) parts.delete(path)
}

/**
 * settings.xml (CT_Settings is a strict sequence):
 * - `w:mirrorMargins` (docx has no option): left/right margins become
 *   inside/outside, so the binding margin alternates sides. It comes before
 *   `w:defaultTabStop`.
 * - `w:characterSpacingControl` = compressPunctuation: Word compresses
 *   adjacent full-width marks (“。」” takes 1.5 em), as guide §1 asks. It
 *   comes after `w:evenAndOddHeaders` and before `w:compat`.
 */
function settings(xml: string, twoSided: boolean): string {
  const mirrored = twoSided ? insertBefore(xml, '<w:defaultTabStop', '<w:mirrorMargins/>', 'settings.xml') : xml
  return insertBefore(mirrored, '<w:compat>', '<w:characterSpacingControl w:val="compressPunctuation"/>', 'settings.xml')
}

/**
 * styles.xml:
 * - Paragraph defaults for Chinese line breaking, which docx cannot write:
 *   `w:kinsoku` (no ，。」 at a line start, no “（ at a line end), no hanging
 *   punctuation (`w:overflowPunct` off: Chinese books keep marks inside the
 *   measure, guide §1), and the Han↔Latin/digit spacing (`w:autoSpaceDE/DN`;
 *   docx's own `autoSpaceEastAsianText` writes them out of schema order). In
 *   CT_PPrBase this order is kinsoku, overflowPunct, autoSpaceDE, autoSpaceDN.
 * - The dot leader of the TOC n styles' right tab (docx's style tab stops
 *   have no leader), so pre-filled and updated entries both get dots.
 */
function styles(xml: string): string {
  const defaults = '<w:pPrDefault><w:pPr><w:kinsoku/><w:overflowPunct w:val="0"/><w:autoSpaceDE/><w:autoSpaceDN/></w:pPr></w:pPrDefault>'
  if (!xml.includes('<w:pPrDefault/>')) throw unexpected('styles.xml', '<w:pPrDefault/>')
  const withDefaults = xml.replace('<w:pPrDefault/>', defaults)
  let tocTabs = 0
  const leadered = withDefaults.replace(/<w:style w:type="paragraph" w:styleId="TOC\d"[\s\S]*?<\/w:style>/g, (style) =>
    style.replace(/<w:tab w:val="right" w:pos="(\d+)"\/>/, (_tab, position: string) => {
      tocTabs++
      return `<w:tab w:val="right" w:leader="dot" w:pos="${position}"/>`
    })
  )
  if (tocTabs === 0 && /w:styleId="TOC\d"/.test(xml)) throw unexpected('styles.xml', 'the right tab of the TOC styles')
  return leadered
}

/**
 * document.xml: docx gives each pre-filled 目录 entry its own tab stops for an
 * A4 page (a clear at 9026 and a dot-leader right tab at 9025 twips), which
 * sit past the text edge of any smaller page and override nothing useful.
 * Drop them, so the TOC n style's right tab at the text width (with its dot
 * leader) rules, as it does after Word updates the field.
 */
function tocEntryTabs(xml: string): string {
  const a4Tabs = /^<w:tabs><w:tab w:val="clear" w:pos="\d+"\/><w:tab w:val="right" w:pos="\d+" w:leader="dot"\/><\/w:tabs>$/
  return xml.replace(/(<w:pStyle w:val="TOC\d"\/>)(<w:tabs>[\s\S]*?<\/w:tabs>)?/g, (_match, style: string, tabs: string | undefined) => {
    if (tabs !== undefined && !a4Tabs.test(tabs)) throw unexpected('document.xml', 'the 目录 entries’ own A4 tab stops')
    return style
  })
}

/**
 * fontTable.xml: docx writes it empty. Each East Asian font the styles name
 * gets an entry with the GB 2312 character set and, where the template gives
 * one, `w:altName`: the font Word uses when this one is not installed
 * (仿宋_GB2312 → 仿宋, as offices have one or the other).
 */
function fontTable(xml: string, fonts: ReadonlyArray<{name: string; altName: string | undefined}>): string {
  const seen = new Set<string>()
  const entries = fonts
    .filter((font) => (seen.has(font.name) ? false : (seen.add(font.name), true)))
    .map((font) => `<w:font w:name="${escapeXml(font.name)}">${font.altName ? `<w:altName w:val="${escapeXml(font.altName)}"/>` : ''}<w:charset w:val="86"/></w:font>`)
    .join('')
  const empty = /<w:fonts\b([^>]*)\/>$/
  if (!empty.test(xml)) throw unexpected('fontTable.xml', 'an empty w:fonts')
  return xml.replace(empty, (_match, attributes: string) => `<w:fonts${attributes}>${entries}</w:fonts>`)
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')
}

/**
 * A paragraph mark's tracked change (a redline's, revision.ts) comes first in
 * its `w:rPr`: CT_ParaRPr is ins, del, then the run properties. docx writes
 * it last, after a run-in heading's `w:vanish`/`w:specVanish`. Run
 * properties of runs never hold `w:ins`, so only paragraph marks match.
 */
function trackedMarksFirst(xml: string): string {
  return xml.replace(/<w:rPr>((?:(?!<\/w:rPr>)[\s\S])*?)(<w:(?:ins|del) w:id="\d+" w:author="[^"]*" w:date="[^"]*"\/>)<\/w:rPr>/g, (_match, before: string, mark: string) => `<w:rPr>${mark}${before}</w:rPr>`)
}

/** `dc:language` in the core properties (their schema takes them in any order). */
function coreLanguage(xml: string, language: string | undefined): string {
  if (!language) return xml
  return insertBefore(xml, '</cp:coreProperties>', `<dc:language>${escapeXml(language)}</dc:language>`, 'core.xml')
}

/** Created and modified are the build's date, not the clock's: same input, same bytes. */
function coreDates(xml: string, epochSeconds: number): string {
  const date = new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
  let found = 0
  const result = xml.replace(/(<dcterms:(created|modified) xsi:type="dcterms:W3CDTF">)[^<]*(<\/dcterms:\2>)/g, (_match, open: string, _name, close: string) => {
    found++
    return `${open}${date}${close}`
  })
  if (found !== 2) throw unexpected('core.xml', 'dcterms:created and dcterms:modified')
  return result
}

/**
 * docx names some relationships with random ids (external hyperlinks get
 * `rId<nanoid>`). Renumber them after the part's numbered ones, in order, in
 * the .rels part and in the part that refers to them.
 */
function stableRelationshipIds(parts: PackageParts): void {
  for (const relsPath of [...parts.keys()].filter((name) => name.endsWith('.rels'))) {
    const rels = text(parts, relsPath)
    const ids = [...rels.matchAll(/ Id="([^"]+)"/g)].map((match) => match[1] ?? '')
    const random = ids.filter((id) => !/^rId\d+$/.test(id))
    if (random.length === 0) continue
    let next = Math.max(0, ...ids.map((id) => Number(/^rId(\d+)$/.exec(id)?.[1] ?? 0)))
    const renamed = new Map(random.map((id) => [id, `rId${++next}`]))
    const rename = (xml: string): string => xml.replace(/"(rId[^"]+)"/g, (quoted, id: string) => (renamed.has(id) ? `"${renamed.get(id)}"` : quoted))
    parts.set(relsPath, rename(rels))
    const source = relsPath.replace(/_rels\/([^/]+)\.rels$/, '$1')
    if (source !== relsPath && parts.has(source)) parts.set(source, rename(text(parts, source)))
  }
}

/**
 * docx numbers bookmarks from one counter for the whole process, so a second
 * build in the same process would write other ids. Renumber them 1, 2, 3… in
 * document order (ids only need to be unique).
 */
function stableBookmarkIds(parts: PackageParts): void {
  const renumbered = new Map<string, number>()
  for (const name of [...parts.keys()].filter((part) => /^word\/[^/]+\.xml$/.test(part))) {
    const xml = text(parts, name)
    if (!xml.includes('<w:bookmark')) continue
    const result = xml.replace(/(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)(")/g, (_match, before: string, id: string, after: string) => {
      if (!renumbered.has(id)) renumbered.set(id, renumbered.size + 1)
      return `${before}${renumbered.get(id)}${after}`
    })
    parts.set(name, result)
  }
}

function edit(parts: PackageParts, name: string, change: (xml: string) => string): void {
  parts.set(name, change(text(parts, name)))
}

/** A part docx wrote as text (every XML part). */
export function text(parts: PackageParts, name: string): string {
  const data = parts.get(name)
  if (data === undefined) throw new Error(`The .docx from docx has no ${name}`)
  return typeof data === 'string' ? data : new TextDecoder().decode(data)
}

function insertBefore(xml: string, anchor: string, insertion: string, part: string): string {
  const index = xml.indexOf(anchor)
  if (index < 0) throw unexpected(part, anchor)
  return xml.slice(0, index) + insertion + xml.slice(index)
}

/** docx's output lacks what paiban's finishing expects: docx changed. */
export function unexpected(part: string, what: string): Error {
  return new Error(`docx wrote ${part} without ${what}: its output changed (docx is pinned at 9.15.2, see docs/word.md)`)
}
