import {createHash} from 'node:crypto'

/** `--shard 2/4`: the second of four slices (1-based, as CI matrices count). */
export interface Shard {
  index: number
  count: number
}

export function parseShard(value: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim())
  if (!match) return undefined
  const index = Number(match[1])
  const count = Number(match[2])
  return index >= 1 && count >= 1 && index <= count ? {index, count} : undefined
}

/**
 * Whether a document belongs to a shard. The slice is decided by a hash of
 * the document's path in the project, so adding or removing other documents
 * never moves a document to another runner (its cached outputs stay valid).
 */
export function inShard(relativePath: string, shard: Shard): boolean {
  const hash = createHash('sha256').update(relativePath.split('\\').join('/')).digest()
  return hash.readUInt32BE(0) % shard.count === shard.index - 1
}
