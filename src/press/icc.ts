import {existsSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {PaibanError} from '../errors.js'

/** An output profile, checked: the press's CMYK characterization. */
export interface IccProfile {
  file: string
  bytes: Uint8Array
  /** The profile's own description (`desc` tag), e.g. "Artifex CMYK SWOP Profile". */
  description: string
}

/**
 * Where Debian and most Linux packages put Ghostscript's generic CMYK
 * profile. It stands in when no printer's profile is given: a valid output
 * intent, but not a characterization of any particular press.
 */
const ghostscriptProfiles = [
  '/usr/share/color/icc/ghostscript/default_cmyk.icc',
  '/usr/share/ghostscript/iccprofiles/default_cmyk.icc',
  '/usr/local/share/ghostscript/iccprofiles/default_cmyk.icc',
  '/opt/homebrew/share/ghostscript/iccprofiles/default_cmyk.icc'
]

export function findDefaultCmykProfile(): string | undefined {
  return ghostscriptProfiles.find((file) => existsSync(file))
}

/**
 * Read an ICC profile and check it can be a PDF/X output intent: an ICC
 * header (`acsp` at byte 36, ICC.1 §7.2), an output device class (`prtr`)
 * and CMYK data, as ISO 15930 requires of a DestOutputProfile.
 */
export async function readIccProfile(file: string): Promise<IccProfile> {
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new PaibanError('E_ICC_PROFILE', `Cannot read the ICC profile ${file}: ${error.code ?? error.message}`, {
      hint: 'Give the path of the printer’s CMYK output profile (.icc) with --icc.'
    })
  })
  const ascii = (start: number, end: number): string => String.fromCharCode(...bytes.subarray(start, end))
  const problem =
    bytes.length < 132 || ascii(36, 40) !== 'acsp'
      ? 'is not an ICC profile'
      : ascii(16, 20) !== 'CMYK'
        ? `describes ${ascii(16, 20).trim()} data, not CMYK`
        : ascii(12, 16) !== 'prtr'
          ? `is a “${ascii(12, 16)}” profile, not an output (printer) profile`
          : undefined
  if (problem) {
    throw new PaibanError('E_ICC_PROFILE', `The ICC profile ${file} ${problem}`, {
      hint: 'PDF/X needs the CMYK output profile of the press (ask the print shop, e.g. for ISO Coated v2 or GRACoL), given with --icc.'
    })
  }
  return {file: path.resolve(file), bytes, description: describe(bytes) ?? path.basename(file, path.extname(file))}
}

/** The `desc` tag: textDescriptionType (ICC v2) or multiLocalizedUnicodeType (v4). */
function describe(bytes: Uint8Array): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.length < 132) return undefined
  const count = view.getUint32(128)
  for (let index = 0; index < count && 132 + index * 12 + 12 <= bytes.length; index++) {
    const entry = 132 + index * 12
    if (String.fromCharCode(...bytes.subarray(entry, entry + 4)) !== 'desc') continue
    const offset = view.getUint32(entry + 4)
    const type = String.fromCharCode(...bytes.subarray(offset, offset + 4))
    if (type === 'desc') {
      const length = view.getUint32(offset + 8)
      return clean(String.fromCharCode(...bytes.subarray(offset + 12, offset + 12 + length)))
    }
    if (type === 'mluc') {
      const records = view.getUint32(offset + 8)
      if (records === 0) return undefined
      const length = view.getUint32(offset + 20)
      const start = offset + view.getUint32(offset + 24)
      let text = ''
      for (let at = start; at + 1 < start + length; at += 2) text += String.fromCharCode(view.getUint16(at))
      return clean(text)
    }
  }
  return undefined
}

function clean(text: string): string | undefined {
  const trimmed = text.replace(/\0+$/, '').trim()
  return trimmed.length > 0 ? trimmed : undefined
}
