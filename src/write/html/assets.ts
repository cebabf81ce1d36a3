import {copyFile, mkdir, stat, utimes} from 'node:fs/promises'
import path from 'node:path'
import {PaibanError} from '../../errors.js'
import {isInside} from '../../fs.js'
import type {WebAsset} from './index.js'

export interface WebAssetOptions {
  projectRoot: string
  outDir: string
  /** The text, named in the error for an image outside the project. */
  place: string
}

/** Copies still to make, with the source's times to give them. */
export interface WebAssetPlan {
  copies: Array<{from: string; target: string; atimeMs: number; mtimeMs: number}>
}

/**
 * Copy the web page's fonts and images beside it. Images come only from
 * inside the project (fonts from their packages); `place` names the text
 * in the error for one that does not. A copy takes its source's modification
 * time; one already there with the source's size and time is kept (rsync's
 * quick check), so a rebuild does not copy a hundred font files again.
 */
export async function copyWebAssets(assets: readonly WebAsset[], options: WebAssetOptions): Promise<void> {
  await copyPlannedAssets(await planWebAssets(assets, options))
}

/**
 * What copyWebAssets would copy, decided without writing anything: the
 * build makes this check (a hundred files and their copies looked at) while
 * the PDF prints, and copies only once every output has passed.
 */
export async function planWebAssets(assets: readonly WebAsset[], options: WebAssetOptions): Promise<WebAssetPlan> {
  for (const asset of assets) {
    if (!isInside(options.projectRoot, asset.from) && !asset.to.startsWith('assets/fonts/')) {
      throw new PaibanError('E_RESOURCE_BLOCKED', `Image ${asset.from} lies outside the project`, {
        place: options.place,
        hint: 'Keep images inside the repository, beside the text.'
      })
    }
  }
  const copies = await Promise.all(
    assets.map(async (asset) => {
      const target = path.join(options.outDir, asset.to)
      const [source, copy] = await Promise.all([stat(asset.from), stat(target).catch(() => undefined)])
      if (copy && copy.size === source.size && sameTime(copy.mtimeMs, source.mtimeMs)) return undefined
      return {from: asset.from, target, atimeMs: source.atimeMs, mtimeMs: source.mtimeMs}
    })
  )
  return {copies: copies.filter((copy) => copy !== undefined)}
}

/** Make the copies a plan holds. */
export async function copyPlannedAssets(plan: WebAssetPlan): Promise<void> {
  const folders = new Set(plan.copies.map((copy) => path.dirname(copy.target)))
  await Promise.all([...folders].map((folder) => mkdir(folder, {recursive: true})))
  await Promise.all(
    plan.copies.map(async (copy) => {
      await copyFile(copy.from, copy.target)
      await utimes(copy.target, copy.atimeMs / 1000, copy.mtimeMs / 1000)
    })
  )
}

/** Times in seconds pass through a double: equal to within a millisecond is the same time. */
function sameTime(oneMs: number, otherMs: number): boolean {
  return Math.abs(oneMs - otherMs) < 1
}
