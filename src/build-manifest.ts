import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {writeAtomic} from './fs.js'

/**
 * `<out>/manifest.json`: what each build produced, for CI and for people
 * who want to know what they are printing without opening every file.
 */
export interface ManifestOutput {
  format: string
  /** Relative to the output folder. */
  file: string
  sha256: string
  bytes: number
  pages?: number
}

export interface ManifestDocument {
  /** Relative to the project. */
  source: string
  template: string
  /** Hash of everything the outputs depend on (see build.ts inputKey). */
  inputHash: string
  outputs: ManifestOutput[]
  /** Wall time of the document's last build, in milliseconds. */
  buildMilliseconds: number
  warnings: string[]
}

export interface Manifest {
  generator: string
  documents: ManifestDocument[]
}

const manifestName = 'manifest.json'

export async function readManifest(outDir: string): Promise<Map<string, ManifestDocument>> {
  try {
    const manifest = JSON.parse(await readFile(path.join(outDir, manifestName), 'utf8')) as Manifest
    return new Map(manifest.documents.map((document) => [document.source, document]))
  } catch {
    return new Map()
  }
}

export async function writeManifest(outDir: string, generator: string, documents: Map<string, ManifestDocument>): Promise<void> {
  const sorted = [...documents.values()].sort((a, b) => a.source.localeCompare(b.source))
  const manifest: Manifest = {generator, documents: sorted}
  await writeAtomic(path.join(outDir, manifestName), `${JSON.stringify(manifest, null, 2)}\n`)
}
