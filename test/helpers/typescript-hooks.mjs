// Module hooks (node:module register) for src/**/*.ts in a worker thread: `./x.js` resolves
// to `./x.ts` when only that exists, as tsc's NodeNext output expects, and .ts files load as
// ES modules with their types stripped by oxc (rolldown, which vitest's vite runs on).
import {existsSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'
import {transformSync} from 'rolldown/utils'

export async function resolve(specifier, context, nextResolve) {
  if (context.parentURL?.endsWith('.ts') && /^\.{1,2}\/.*\.js$/.test(specifier)) {
    const typescript = new URL(`${specifier.slice(0, -3)}.ts`, context.parentURL)
    if (existsSync(typescript)) return {url: typescript.href, shortCircuit: true}
  }
  return nextResolve(specifier, context)
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context)
  const file = fileURLToPath(url)
  const result = transformSync(file, await readFile(file, 'utf8'), {sourcemap: false})
  if (result.errors.length > 0) throw new Error(`${file}: ${result.errors.map((error) => error.message).join('; ')}`)
  return {format: 'module', source: result.code, shortCircuit: true}
}
