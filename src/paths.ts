import {fileURLToPath} from 'node:url'
import path from 'node:path'

/** The folder paiban is installed in (holds templates/, styles/, node_modules/). */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
