import {mkdtemp, rm} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

/**
 * Every temporary folder the tests make (outputs, unpacked .docx files,
 * LibreOffice profiles) goes under one folder per run, removed at the end.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'paiban-tests-'))
  process.env['TMPDIR'] = root
  return async () => {
    await rm(root, {recursive: true, force: true})
  }
}
