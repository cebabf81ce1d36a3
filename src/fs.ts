import {randomBytes} from 'node:crypto'
import {mkdir, rename, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'

/**
 * Write a file so that readers only ever see the old or the new content:
 * a failed build leaves the last good output in place.
 */
export async function writeAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), {recursive: true})
  const temporary = `${target}.tmp-${randomBytes(6).toString('hex')}`
  try {
    await writeFile(temporary, data)
    await rename(temporary, target)
  } catch (error) {
    await rm(temporary, {force: true})
    throw error
  }
}

/** Whether `candidate` is `root` or lies inside it (after resolving `..`). */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(path.resolve(root), path.resolve(candidate))
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))
}
