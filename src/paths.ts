import {existsSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * The folder paiban is installed in (holds templates/, styles/,
 * node_modules/): the nearest one above this module with a package.json.
 * This module runs from src/ (tests), dist/ (the library) and
 * dist/bundle/ (the command), at different depths.
 */
export const packageRoot = nearestPackage(path.dirname(fileURLToPath(import.meta.url)))

function nearestPackage(directory: string): string {
  for (let folder = directory; ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, 'package.json'))) return folder
    if (path.dirname(folder) === folder) throw new Error(`No package.json above ${directory}`)
  }
}

/**
 * require() from paiban's package: for packages loaded only when needed
 * (synchronously), and for files of font packages.
 */
export const requireFromPaiban = createRequire(path.join(packageRoot, 'package.json'))
