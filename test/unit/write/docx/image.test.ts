import {mkdir, mkdtemp, symlink, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {deflateSync} from 'node:zlib'
import {beforeAll, describe, expect, it} from 'vitest'
import {PaibanError} from '../../../../src/errors.js'
import {readImageInfo} from '../../../../src/write/docx/image-size.js'
import {all, docxOf, first, paragraphStyle, styleById, textOf} from '../../../helpers/docx.js'

/** A valid RGB PNG of the given size (one flat colour). */
function png(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8
  header[9] = 2
  const raw = Buffer.alloc((width * 3 + 1) * height, 0x80)
  for (let row = 0; row < height; row++) raw[row * (width * 3 + 1)] = 0
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

function crc32(data: Buffer): number {
  let crc = ~0
  for (const byte of data) {
    crc ^= byte
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1))
  }
  return ~crc >>> 0
}

let project: string
let outside: string

beforeAll(async () => {
  project = await mkdtemp(path.join(os.tmpdir(), 'paiban-project-'))
  outside = await mkdtemp(path.join(os.tmpdir(), 'paiban-outside-'))
  await mkdir(path.join(project, 'source/images'), {recursive: true})
  await writeFile(path.join(project, 'source/images/wide.png'), png(1200, 300))
  await writeFile(path.join(project, 'source/images/small.png'), png(120, 60))
  await writeFile(path.join(outside, 'secret.png'), png(10, 10))
  await symlink(path.join(outside, 'secret.png'), path.join(project, 'source/images/link.png'))
})

const inProject = (markdown: string): ReturnType<typeof docxOf> =>
  docxOf(`---\ntitle: 图\n---\n\n${markdown}\n`, {context: {projectRoot: project, sourceDirectory: path.join(project, 'source')}})

/** Width and height (EMU) of each embedded picture. */
async function extents(markdown: string): Promise<Array<[number, number]>> {
  const docx = await inProject(markdown)
  const document = await docx.xml('word/document.xml')
  expect(docx.parts.filter((part) => part.startsWith('word/media/'))).not.toHaveLength(0)
  return all(document, 'wp:extent').map((extent) => [Number(extent.attributes['cx']), Number(extent.attributes['cy'])])
}

describe('images', () => {
  it('are embedded at their size (96 px per inch) when narrower than the text', async () => {
    expect(await extents('![](images/small.png)')).toEqual([[120 * 9525, 60 * 9525]])
  })

  it('are scaled down to the text width (111.125 mm = 420 px), keeping their proportions', async () => {
    const [[width, height] = [0, 0]] = await extents('![](images/wide.png)')
    expect(width).toBe(420 * 9525)
    expect(height).toBe(105 * 9525)
  })

  it('stand alone in the 图片 style, with their alt text as description', async () => {
    const docx = await inProject('![会场](images/small.png)')
    const document = await docx.xml('word/document.xml')
    const figure = all(document, 'w:p').find((paragraph) => first(paragraph, 'w:drawing'))
    expect(figure && paragraphStyle(figure)).toBe('Figure')
    expect(first(document, 'wp:docPr')?.attributes).toMatchObject({id: '1', descr: '会场'})
  })

  it('take their title as a caption in Word’s built-in caption style, under the picture', async () => {
    const docx = await inProject('![会场](images/small.png "图1　会场全景")')
    const document = await docx.xml('word/document.xml')
    const paragraphs = all(document, 'w:p')
    const figure = paragraphs.findIndex((paragraph) => first(paragraph, 'w:drawing'))
    const caption = paragraphs[figure + 1]
    expect(caption && paragraphStyle(caption)).toBe('Caption')
    expect(caption && textOf(caption)).toBe('图1　会场全景')
    const styles = await docx.xml('word/styles.xml')
    expect(first(styleById(styles, 'Caption'), 'w:name')?.attributes['w:val']).toBe('caption')
  })

  it('fail with E_INPUT naming the file and line when missing', async () => {
    const error = await inProject('正文。\n\n![](images/missing.png)').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(PaibanError)
    expect(error).toMatchObject({code: 'E_INPUT', place: 'x.md:7:1'})
    expect((error as Error).message).toContain('images/missing.png')
  })

  it('are never read from outside the project, also not through a symbolic link', async () => {
    for (const url of [path.relative(path.join(project, 'source'), path.join(outside, 'secret.png')), 'images/link.png']) {
      await expect(inProject(`![](${url})`)).rejects.toMatchObject({code: 'E_RESOURCE_BLOCKED'})
    }
  })

  it('are not fetched from the network', async () => {
    await expect(inProject('![](https://example.org/a.png)')).rejects.toMatchObject({code: 'E_RESOURCE_BLOCKED'})
  })
})

describe('readImageInfo', () => {
  it('reads PNG, GIF and JPEG sizes from their headers', () => {
    expect(readImageInfo(png(3, 2))).toEqual({type: 'png', widthPx: 3, heightPx: 2})
    const gif = Uint8Array.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 5, 0, 7, 0])
    expect(readImageInfo(gif)).toEqual({type: 'gif', widthPx: 5, heightPx: 7})
    // SOI, an APP0 segment of 4 bytes, then SOF0 with height 16 and width 32.
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 16, 0, 32, 1, 1, 0x11, 0])
    expect(readImageInfo(jpeg)).toEqual({type: 'jpg', widthPx: 32, heightPx: 16})
    expect(readImageInfo(new TextEncoder().encode('<svg/>'))).toBeUndefined()
  })
})
