import {readFileSync} from 'node:fs'
import path from 'node:path'
import {packageRoot} from './paths.js'

/** paiban's version, from its package.json. */
export const version: string = (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {version: string}).version
