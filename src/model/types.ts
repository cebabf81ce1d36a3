import type {Paragraph, Parent, PhrasingContent} from 'mdast'

/**
 * paiban's own mdast nodes, declared once here (see docs/model.md).
 */

/**
 * The lead sentence of a run-in point: "**一要强化理论学习，筑牢信仰之基**。"
 * The enumerator stays in the text; templates style the node (bold Hei in
 * the booklet, the 引导句 character style in Word).
 */
export interface LeadSentence extends Parent {
  type: 'leadSentence'
  children: PhrasingContent[]
}

/** Whether a revision adds or removes what it marks (`paiban diff`, docs/diff.md). */
export type RevisionKind = 'inserted' | 'deleted'

/**
 * Text the newer version adds, in a redline (src/diff/): Word writes it as a
 * tracked insertion (`w:ins`), HTML as `<ins>`. Outside a redline the writers
 * set its text as plain text.
 */
export interface Insertion extends Parent {
  type: 'insertion'
  children: PhrasingContent[]
}

/** Text the newer version removes: `w:del` with `w:delText`, HTML `<del>`. Outside a redline it is dropped. */
export interface Deletion extends Parent {
  type: 'deletion'
  children: PhrasingContent[]
}

declare module 'mdast' {
  interface PhrasingContentMap {
    leadSentence: LeadSentence
    insertion: Insertion
    deletion: Deletion
  }
  interface RootContentMap {
    leadSentence: LeadSentence
    insertion: Insertion
    deletion: Deletion
  }
  interface Data {
    /**
     * In a redline, a block (paragraph, heading, code, thematic break, table
     * row) that only one version has: its paragraph mark or row is a tracked
     * change too, so accepting or rejecting removes the whole block.
     */
    revision?: RevisionKind
  }
}

/** Document metadata, from front matter (validated in read/front-matter.ts). */
export interface DocumentMeta {
  title: string
  subtitle: string | undefined
  /** Issuing body (编印单位); also the PDF's Author and Word's creator. */
  issuer: string | undefined
  /** Publication date as written, e.g. `2023-06`. */
  date: string | undefined
  subject: string | undefined
  keywords: string[]
  /** BCP 47 language tag of the text. */
  lang: string
  /** Template named by the document, if any. */
  template: string | undefined
}

/** One heading of the outline, computed once for both writers. */
export interface OutlineEntry {
  /** 1 = top level of the body (the shallowest heading depth used). */
  level: number
  /** Stable anchor: `sec-1`, `sec-1-2`. */
  id: string
  /** Plain text of the heading, as in the source. */
  text: string
  /** Index of the top-level section this heading belongs to (0-based). */
  section: number
  /** Source line of the heading, for messages. */
  line: number | undefined
}

/**
 * The parts of a 公文 (GB/T 9704-2012) that stand apart from the body and
 * that templates place: the 主送机关 line under the title, the 附件说明 after
 * the body, the 发文机关署名 and the 成文日期 at the end. Written in Markdown
 * as `:::addressee`, `:::attachments`, `:::signature`, `:::date` containers
 * (docs/model.md); the title is the front matter's.
 */
export type OfficialRole = 'addressee' | 'attachments' | 'signature' | 'date'

/**
 * One 公文 element: its paragraphs as written, one per line of the source —
 * for `attachments`, one per attachment ("附件：1.…", "2.…").
 */
export interface OfficialBlock extends Parent {
  type: 'officialBlock'
  role: OfficialRole
  children: Paragraph[]
}

declare module 'mdast' {
  interface BlockContentMap {
    officialBlock: OfficialBlock
  }
  interface RootContentMap {
    officialBlock: OfficialBlock
  }
}
