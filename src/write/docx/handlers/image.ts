import {readFile, realpath} from 'node:fs/promises'
import path from 'node:path'
import type {Definition, Image, Root} from 'mdast'
import type {Position} from 'unist'
import {visit} from 'unist-util-visit'
import {ImageRun} from 'docx'
import type {BuildContext} from '../../../context.js'
import {PaibanError} from '../../../errors.js'
import {isInside} from '../../../fs.js'
import {normalizeIdentifier, type DocxContext, type DocxState} from '../context.js'
import {readImageInfo, type ImageInfo} from '../image-size.js'
import {toTwips, twipsToPixels} from '../units.js'

export interface LoadedImage {
  data: Uint8Array
  info: ImageInfo
}

/**
 * Read every image the text uses before the (synchronous) walk, keyed by URL.
 * Only local files under the source folder's project are read: a remote URL or
 * a path leading out of the project is refused, a missing file named with its line.
 */
export async function loadImages(tree: Root, build: BuildContext, definitions: ReadonlyMap<string, Definition>): Promise<Map<string, LoadedImage>> {
  const wanted = new Map<string, Position | undefined>()
  visit(tree, (node) => {
    if (node.type === 'image' && !wanted.has(node.url)) wanted.set(node.url, node.position)
    if (node.type === 'imageReference') {
      const definition = definitions.get(normalizeIdentifier(node.identifier))
      if (definition && !wanted.has(definition.url)) wanted.set(definition.url, node.position)
    }
  })
  const images = new Map<string, LoadedImage>()
  const root = await realpath(build.projectRoot)
  for (const [url, position] of wanted) images.set(url, await loadImage(url, position, build, root))
  return images
}

async function loadImage(url: string, position: Position | undefined, build: BuildContext, root: string): Promise<LoadedImage> {
  const place = position ? `${build.document.file.path}:${position.start.line}:${position.start.column}` : build.document.file.path
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) {
    throw new PaibanError('E_RESOURCE_BLOCKED', `Remote image \`${url}\` is not embedded: the Word copy takes local files only`, {
      place,
      hint: 'Save the image in the project and link it by a path relative to the text.'
    })
  }
  const file = path.resolve(build.sourceDirectory, safeDecode(url))
  const outside = (where: string): PaibanError =>
    new PaibanError('E_RESOURCE_BLOCKED', `Image \`${url}\` lies outside the project (${where})`, {
      place,
      hint: 'Copy the image into the project folder.'
    })
  if (!isInside(build.projectRoot, file)) throw outside(file)
  let real: string
  try {
    real = await realpath(file)
  } catch (error) {
    throw new PaibanError('E_INPUT', `Image \`${url}\` not found (${file}), used at ${place}`, {
      place,
      hint: 'Check the path: images resolve against the folder of the text.',
      cause: error
    })
  }
  // Checked again on the real path, so a symbolic link cannot lead out of the project.
  if (!isInside(root, real)) throw outside(real)
  const data = await readFile(real)
  const info = readImageInfo(data)
  if (!info) {
    throw new PaibanError('E_INPUT', `Image \`${url}\` is not a PNG, JPEG, GIF or BMP file, which Word needs`, {
      place,
      hint: 'Convert the image to PNG or JPEG.'
    })
  }
  return {data, info}
}

function safeDecode(url: string): string {
  try {
    return decodeURI(url)
  } catch {
    return url
  }
}

/** An embedded picture, as large as the file says (at 96 px per inch) but never wider than the text. */
export function imageRun(node: Pick<Image, 'url' | 'alt' | 'title' | 'position'>, context: DocxContext, state: DocxState): ImageRun {
  const image = state.images.get(node.url)
  // loadImages read every image of the tree or threw; reaching this is a bug in paiban.
  if (!image) throw new Error(`Image \`${node.url}\` was not loaded`)
  const {page} = context.build.template
  const maxWidth = twipsToPixels(context.textWidthTwips)
  const maxHeight = twipsToPixels(toTwips((page.heightMm - page.margin.topMm - page.margin.bottomMm) * 0.9))
  const scale = Math.min(1, maxWidth / image.info.widthPx, maxHeight / image.info.heightPx)
  state.drawings += 1
  return new ImageRun({
    type: image.info.type,
    data: image.data,
    transformation: {
      width: Math.max(1, Math.round(image.info.widthPx * scale)),
      height: Math.max(1, Math.round(image.info.heightPx * scale))
    },
    // An explicit id: docx's own counter runs across documents, so a second build would differ.
    altText: {
      id: String(state.drawings),
      name: path.posix.basename(node.url),
      ...(node.alt ? {description: node.alt} : {}),
      ...(node.title ? {title: node.title} : {})
    }
  })
}
