import {copyFile, mkdir} from 'node:fs/promises'
import path from 'node:path'
import {PaibanError} from '../../errors.js'
import {isInside} from '../../fs.js'
import type {WebAsset} from './index.js'

/**
 * Copy the web page's fonts and images beside it. Images come only from
 * inside the project (fonts from their packages); `place` names the text
 * in the error for one that does not.
 */
export async function copyWebAssets(assets: readonly WebAsset[], options: {projectRoot: string; outDir: string; place: string}): Promise<void> {
  for (const asset of assets) {
    if (!isInside(options.projectRoot, asset.from) && !asset.to.startsWith('assets/fonts/')) {
      throw new PaibanError('E_RESOURCE_BLOCKED', `Image ${asset.from} lies outside the project`, {
        place: options.place,
        hint: 'Keep images inside the repository, beside the text.'
      })
    }
    const target = path.join(options.outDir, asset.to)
    await mkdir(path.dirname(target), {recursive: true})
    await copyFile(asset.from, target)
  }
}
