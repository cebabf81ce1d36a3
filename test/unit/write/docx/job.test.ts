import {execFile} from 'node:child_process'
import {mkdtemp, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'
import {PaibanError} from '../../../../src/errors.js'
import {writeDocx} from '../../../../src/write/docx/index.js'
import {startDocx} from '../../../../src/write/docx/job.js'
import {deserializeError, serializeError} from '../../../../src/write/docx/job-messages.js'
import {contextFor} from '../../../helpers/template.js'

const markdown = `---
title: 书名
subtitle: 副标题
---

开篇。

## 一、甲

甲的正文[^1]。

### （一）子目

见[网站](https://example.org/)。

## 二、乙

乙的正文。

[^1]: 注。
`

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error
  )
}

describe('the Word copy in a worker (startDocx)', () => {
  it('gives the bytes writeDocx gives, with the 目录’s numbers filled in, and the preflight’s findings', async () => {
    const context = await contextFor(markdown)
    const tocPages = new Map(context.document.outline.map((entry, index) => [entry.id, index + 3]))
    const job = startDocx({check: true})
    job.write(context)
    const result = await job.finish(tocPages)
    expect(Buffer.compare(result.bytes, await writeDocx(context, {tocPages}))).toBe(0)
    expect(result.findings).toEqual([])
    expect(result.milliseconds).toBeGreaterThan(0)
  })

  it('marks the 目录 dirty when it gets no numbers, as writeDocx does', async () => {
    const context = await contextFor(markdown)
    const job = startDocx({check: false})
    job.write(context)
    const result = await job.finish(undefined)
    expect(Buffer.compare(result.bytes, await writeDocx(context))).toBe(0)
  })

  it('brings the writer’s PaibanError back as one, with its code, message, place and hint', async () => {
    const context = await contextFor(`---\ntitle: 书名\n---\n\n正文。\n\n![图](images/none.png)\n`)
    const expected = await rejection(writeDocx(context))
    expect(expected).toBeInstanceOf(PaibanError)
    const job = startDocx({check: true})
    job.write(context)
    const error = await rejection(job.finish(undefined))
    expect(error).toBeInstanceOf(PaibanError)
    const {code, message, place, hint} = expected as PaibanError
    expect(error).toMatchObject({code, message, place, hint})
  })

  it('rejects a pending finish when cancelled, finish twice, and finish before write', async () => {
    const context = await contextFor(markdown)
    const job = startDocx({check: false})
    expect(await rejection(job.finish(undefined))).toMatchObject({message: expect.stringContaining('given no document')})
    job.write(context)
    expect(() => job.write(context)).toThrow('already called')
    const finished = job.finish(undefined)
    job.cancel()
    expect(await rejection(finished)).toMatchObject({message: 'The Word copy was cancelled'})
    expect(await rejection(job.finish(undefined))).toMatchObject({message: expect.stringContaining('already called')})
  })
})

describe('Word jobs one after another and at once (workers are reused)', () => {
  it('give each job its own document’s bytes, after a failed job too', async () => {
    const first = await contextFor(markdown)
    const second = await contextFor(markdown.replace('书名', '另一本书').replace('乙的正文', '乙的另一段正文'))
    const failing = await contextFor(`---\ntitle: 书名\n---\n\n正文。\n\n![图](images/none.png)\n`)
    const expected = await Promise.all([writeDocx(first), writeDocx(second)])
    for (let round = 0; round < 2; round++) {
      // Two at once: neither gets the other's file.
      const jobs = [first, second].map((context) => {
        const job = startDocx({check: true})
        job.write(context)
        return job
      })
      const results = await Promise.all(jobs.map((job) => job.finish(undefined)))
      results.forEach((result, index) => expect(Buffer.compare(result.bytes, expected[index] as Uint8Array)).toBe(0))
      // A job that fails leaves its worker able to write the next document.
      const failed = startDocx({check: true})
      failed.write(failing)
      expect(await rejection(failed.finish(undefined))).toBeInstanceOf(PaibanError)
    }
    const after = startDocx({check: false})
    after.write(second)
    expect(Buffer.compare((await after.finish(undefined)).bytes, expected[1] as Uint8Array)).toBe(0)
  })
})

describe('a process with a Word job', () => {
  // A Node process of its own, from the sources (the hooks vitest.config.ts names), so its exit shows.
  async function run(script: string): Promise<string> {
    const register = process.env['PAIBAN_WORKER_TYPESCRIPT'] ?? ''
    const helpers = new URL('../../../helpers/template.ts', import.meta.url).href
    const job = new URL('../../../../src/write/docx/job.ts', import.meta.url).href
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'paiban-job-')), 'run.mjs')
    await writeFile(file, `import {contextFor} from ${JSON.stringify(helpers)}\nimport {startDocx} from ${JSON.stringify(job)}\n${script}\n`)
    const {stdout} = await promisify(execFile)(process.execPath, ['--import', register, file], {timeout: 60_000})
    return stdout
  }

  it('ends when its job is given no document, never finished, finished, or failed, and after jobs in turn', async () => {
    const context = `await contextFor(${JSON.stringify(markdown)})`
    expect(await run(`startDocx({check: true}); console.log('started')`)).toBe('started\n')
    expect(await run(`startDocx({check: true}).write(${context}); console.log('written')`)).toBe('written\n')
    expect(await run(`const job = startDocx({check: true}); job.write(${context}); const {bytes} = await job.finish(undefined); console.log(bytes.length > 0)`)).toBe('true\n')
    const failing = `await contextFor('---\\ntitle: 书名\\n---\\n\\n![图](none.png)\\n')`
    expect(await run(`const job = startDocx({check: true}); job.write(${failing}); await job.finish(undefined).catch((error) => console.log(error.code))`)).toBe('E_INPUT\n')
    // A worker waiting for the next job does not keep the process alive either.
    expect(await run(`for (let index = 0; index < 2; index++) { const job = startDocx({check: true}); job.write(${context}); await job.finish(undefined) } console.log('twice')`)).toBe('twice\n')
  })
})

describe('errors across threads', () => {
  it('keep their kind, code, hint, place and cause', () => {
    const cause = new TypeError('inner')
    const error = deserializeError(serializeError(new PaibanError('E_INPUT', 'outer', {hint: 'do this', place: 'x.md:3:1', cause})))
    expect(error).toBeInstanceOf(PaibanError)
    expect(error).toMatchObject({code: 'E_INPUT', message: 'outer', hint: 'do this', place: 'x.md:3:1'})
    expect(error.cause).toMatchObject({name: 'TypeError', message: 'inner'})
    expect(deserializeError(serializeError('a string'))).toMatchObject({message: 'a string'})
  })
})
