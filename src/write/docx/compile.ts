import {Packer, type File} from 'docx'

/**
 * The parts of a .docx package by path, in the order they are zipped: XML as
 * strings, media as bytes.
 */
export type PackageParts = Map<string, string | Uint8Array>

interface Compiler {
  compile(file: File, prettify?: undefined, overrides?: readonly never[]): unknown
}

/**
 * docx's parts before it zips them. `Packer.toBuffer` deflates every part and
 * stamps it with the clock; we edit a few parts (finish.ts) and zip them once
 * ourselves (zip.ts), so we take the parts from the compiler `Packer` uses,
 * `Packer.compiler.compile` — a private static in docx's types, hence this one
 * guarded accessor. docx is pinned (9.15.2); if an upgrade moves it, this says so
 * instead of writing a broken file.
 */
export function compileParts(file: File): PackageParts {
  const compiler = (Packer as unknown as {compiler?: Partial<Compiler>}).compiler
  if (typeof compiler?.compile !== 'function') throw changed('has no Packer.compiler.compile')
  const parts = compiler.compile.call(compiler, file, undefined, [])
  if (!(parts instanceof Map)) throw changed('Packer.compiler.compile no longer returns a Map of parts')
  const checked: PackageParts = new Map()
  for (const [path, data] of parts as Map<unknown, unknown>) {
    if (typeof path !== 'string') throw changed(`Packer.compiler.compile named a part ${String(path)}`)
    if (typeof data === 'string' || data instanceof Uint8Array) checked.set(path, data)
    else if (data instanceof ArrayBuffer) checked.set(path, new Uint8Array(data))
    else throw changed(`Packer.compiler.compile gave ${path} as neither text nor bytes`)
  }
  return checked
}

function changed(what: string): Error {
  return new Error(`docx ${what}: its internals changed (docx is pinned at 9.15.2, see docs/word.md)`)
}
