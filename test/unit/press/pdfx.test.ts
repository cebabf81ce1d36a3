import {mkdtemp, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {PDFDocument, PDFName} from 'pdf-lib'
import {describe, expect, it} from 'vitest'
import {PaibanError} from '../../../src/errors.js'
import {convertToPdfx} from '../../../src/press/pdfx.js'
import {findDefaultCmykProfile, readIccProfile} from '../../../src/press/icc.js'

async function blankPdf(withType3 = false): Promise<Uint8Array> {
  const document = await PDFDocument.create()
  const page = document.addPage([200, 200])
  if (withType3) {
    const font = document.context.obj({
      Type: 'Font', Subtype: 'Type3', FontBBox: [0, 0, 1, 1], FontMatrix: [1, 0, 0, 1, 0, 0],
      CharProcs: {}, Encoding: {Type: 'Encoding', Differences: []}, FirstChar: 0, LastChar: 0, Widths: [0]
    })
    page.node.normalizedEntries().Font.set(PDFName.of('T3'), document.context.register(font))
  }
  return document.save()
}

async function failure(promise: Promise<unknown>): Promise<PaibanError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught)
  expect(error).toBeInstanceOf(PaibanError)
  return error as PaibanError
}

describe('convertToPdfx refuses clearly', () => {
  it('when Ghostscript is missing', async () => {
    const error = await failure(convertToPdfx(await blankPdf(), {version: 'x1a', ghostscript: '/nonexistent/gs'}))
    expect(error.code).toBe('E_GHOSTSCRIPT_MISSING')
    expect(error.hint).toContain('apt-get install ghostscript')
  })

  it('when the profile cannot be read, or is not a CMYK output profile', async () => {
    expect((await failure(convertToPdfx(await blankPdf(), {version: 'x1a', iccProfile: '/nonexistent/press.icc'}))).code).toBe('E_ICC_PROFILE')
    const directory = await mkdtemp(path.join(os.tmpdir(), 'paiban-icc-'))
    const bogus = path.join(directory, 'bogus.icc')
    await writeFile(bogus, 'not a profile'.repeat(20))
    const error = await failure(readIccProfile(bogus))
    expect(error.message).toContain('is not an ICC profile')
    const rgbProfile = findDefaultCmykProfile()?.replace('default_cmyk', 'default_rgb')
    if (rgbProfile) expect((await failure(readIccProfile(rgbProfile))).message).toContain('not CMYK')
  })

  it('when a Type 3 font would lose its text', async () => {
    const error = await failure(convertToPdfx(await blankPdf(true), {version: 'x3'}))
    expect(error.code).toBe('E_CHECK')
    expect(error.message).toMatch(/Type 3 font .* on page 1/)
  })

  it('reads the default profile’s description', async () => {
    const file = findDefaultCmykProfile()
    expect(file, 'Ghostscript’s default_cmyk.icc').toBeDefined()
    expect((await readIccProfile(file ?? '')).description).toMatch(/CMYK/)
  })
})
