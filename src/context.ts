import type {ParsedDocument} from './model/parse.js'
import type {ResolvedTemplate} from './template/resolve.js'

/**
 * What every writer receives besides its own Options: read-only, computed
 * once per document by build.ts. Writers take time from here (never
 * `Date.now()`), so a rebuild of the same text is byte-identical.
 */
export interface BuildContext {
  document: ParsedDocument
  template: ResolvedTemplate
  /** Seconds since the epoch: front matter date, else SOURCE_DATE_EPOCH, else the source's last commit. */
  sourceDateEpoch: number
  /** The project (the user's repository); nothing outside it is read. */
  projectRoot: string
  /** Folder of the source file; images and links resolve against it. */
  sourceDirectory: string
}
