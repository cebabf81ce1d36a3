import {copyFile, mkdir, stat, utimes} from 'node:fs/promises'
import path from 'node:path'
import {PaibanError} from '../../errors.js'
import {isInside} from '../../fs.js'
import type {WebAsset} from './index.js'

/**
 * Copy the web page's fonts and images beside it. Images come only from
 * inside the project (fonts from their packages); `place` names the text
 * in the error for one that does not. A copy takes its source's modification
 * time; one already there with the source's size and time is kept (rsync's
 * quick check), so a rebuild does not copy a hundred font files again.
 */
export async function copyWebAssets(assets: readonly WebAsset[], options: {projectRoot: string; outDir: string; place: string}): Promise<void> {
  for (const asset of assets) {
    if (!isInside(options.projectRoot, asset.from) && !asset.to.startsWith('assets/fonts/')) {
      throw new PaibanError('E_RESOURCE_BLOCKED', `Image ${asset.from} lies outside the project`, {
        place: options.place,
        hint: 'Keep images inside the repository, beside the text.'
      })
    }
  }
  const folders = new Set(assets.map((asset) => path.dirname(path.join(options.outDir, asset.to))))
  await Promise.all([...folders].map((folder) => mkdir(folder, {recursive: true})))
  await Promise.all(
    assets.map(async (asset) => {
      const target = path.join(options.outDir, asset.to)
      const [source, copy] = await Promise.all([stat(asset.from), stat(target).catch(() => undefined)])
      if (copy && copy.size === source.size && sameTime(copy.mtimeMs, source.mtimeMs)) return
      await copyFile(asset.from, target)
      await utimes(target, source.atimeMs / 1000, source.mtimeMs / 1000)
    })
  )
}

/** Times in seconds pass through a double: equal to within a millisecond is the same time. */
function sameTime(oneMs: number, otherMs: number): boolean {
  return Math.abs(oneMs - otherMs) < 1
}
