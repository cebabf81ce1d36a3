import {access, readFile} from 'node:fs/promises'
import path from 'node:path'
import {writeAtomic} from './fs.js'

/**
 * Content hashes of each document's inputs at its last good build, kept in
 * `<out>/.paiban-cache.json`: a document whose inputs are unchanged and whose
 * outputs exist is not built again.
 */
export interface BuildCache {
  isFresh(input: string, key: string, outputs: string[]): Promise<boolean>
  record(input: string, key: string): void
  /** Entries by input path. */
  readonly entries: Map<string, string>
}

const cacheFileName = '.paiban-cache.json'

export async function readCache(outDir: string): Promise<BuildCache> {
  let stored: Record<string, string> = {}
  try {
    stored = JSON.parse(await readFile(path.join(outDir, cacheFileName), 'utf8')) as Record<string, string>
  } catch {
    // No cache yet, or an unreadable one: build everything.
  }
  const entries = new Map(Object.entries(stored))
  return {
    entries,
    async isFresh(input, key, outputs) {
      if (entries.get(input) !== key) return false
      try {
        await Promise.all(outputs.map((output) => access(output)))
        return true
      } catch {
        return false
      }
    },
    record(input, key) {
      entries.set(input, key)
    }
  }
}

export async function writeCache(outDir: string, cache: BuildCache): Promise<void> {
  if (cache.entries.size === 0) return
  const sorted = Object.fromEntries([...cache.entries].sort(([a], [b]) => a.localeCompare(b)))
  await writeAtomic(path.join(outDir, cacheFileName), `${JSON.stringify(sorted, null, 2)}\n`)
}
