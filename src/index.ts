/**
 * paiban's JavaScript API, by name. The CLI (`paiban …`) is a thin layer over these.
 */
export {buildBook, outputFormats, type BuildEvent, type BuildOptions, type BuildResult, type DocumentResult, type OutputFormat} from './build.js'
export {checkDocx, checkPdf, type CheckFinding} from './check/index.js'
export {PaibanError, type PaibanErrorCode} from './errors.js'
export {parseDocument, type ParsedDocument} from './model/parse.js'
export {lintText, normalizeText, type NormalizeOptions, type NormalizeResult} from './normalize/index.js'
export {decodeText} from './read/decode.js'
export {readSource} from './read/source.js'
export {loadTemplate, templateDirectory} from './template/load.js'
export {resolveTemplate, type ResolvedTemplate} from './template/resolve.js'
export {watchProject, type WatchOptions, type Watcher} from './watch.js'
