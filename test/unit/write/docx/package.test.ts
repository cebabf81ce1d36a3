import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {parseDocument} from '../../../../src/model/parse.js'
import {writeDocx} from '../../../../src/write/docx/index.js'
import {readZip, writeZip} from '../../../../src/write/docx/zip.js'
import {all, child, unpackDocx} from '../../../helpers/docx.js'
import {builtInTemplate, projectRoot} from '../../../helpers/template.js'
import {tool} from '../../../helpers/tools.js'

const markdown = `---
title: 书名
subtitle: 副标题
issuer: 编印单位
subject: 主题教育
keywords: [学习, 读本]
---

## 一、甲

见[网站](https://example.org/)与[另一个](https://example.org/b)。

## 二、乙

正文[^1]。

[^1]: 注。
`

// 2023-06-01T00:00:00Z
const epoch = 1_685_577_600

async function build(): Promise<Uint8Array> {
  return writeDocx({
    document: parseDocument(markdown, 'x.md'),
    template: await builtInTemplate(),
    sourceDateEpoch: epoch,
    projectRoot,
    sourceDirectory: projectRoot
  })
}

describe('the .docx package', () => {
  it('is the same bytes when built twice from the same input (in one process)', async () => {
    const [first, second] = [await build(), await build()]
    expect(Buffer.compare(first, second)).toBe(0)
  })

  it('dates core.xml from sourceDateEpoch, not the clock', async () => {
    const core = await (await unpackDocx(await build())).xml('docProps/core.xml')
    expect(child(core, 'dcterms:created')?.children.join('')).toBe('2023-06-01T00:00:00Z')
    expect(child(core, 'dcterms:modified')?.children.join('')).toBe('2023-06-01T00:00:00Z')
  })

  it('carries the document properties from front matter', async () => {
    const core = await (await unpackDocx(await build())).xml('docProps/core.xml')
    const value = (name: string): string | undefined => child(core, name)?.children.join('')
    expect(value('dc:title')).toBe('书名')
    expect(value('dc:subject')).toBe('主题教育')
    expect(value('dc:creator')).toBe('编印单位')
    expect(value('cp:keywords')).toBe('学习, 读本')
    expect(value('dc:description')).toBe('副标题')
    expect(value('cp:lastModifiedBy')).toBe('paiban')
    expect(value('dc:language')).toBe('zh-CN')
  })

  it('dates every zip entry from sourceDateEpoch and passes unzip’s test', async () => {
    const file = path.join((await unpackDocx(await build())).directory, '..', 'out.docx')
    await writeFile(file, await build())
    expect(await tool('unzip', ['-tq', file])).toContain('No errors detected')
    const listing = await tool('zipinfo', ['-T', file])
    const dates = [...listing.matchAll(/ (\d{8}\.\d{6}) /g)].map((match) => match[1])
    expect(dates.length).toBeGreaterThan(10)
    expect(new Set(dates)).toEqual(new Set(['20230601.000000']))
  })

  it('numbers every relationship rIdN (docx names hyperlinks at random)', async () => {
    const docx = await unpackDocx(await build())
    for (const part of docx.parts.filter((name) => name.endsWith('.rels'))) {
      for (const relationship of all(await docx.xml(part), 'Relationship')) expect(relationship.attributes['Id']).toMatch(/^rId\d+$/)
    }
  })

  it('round-trips entries through readZip and writeZip', () => {
    const entries = new Map([['a.xml', new TextEncoder().encode('<a/>')], ['目录/b.txt', new TextEncoder().encode('乙'.repeat(1000))]])
    const back = readZip(writeZip(entries, epoch))
    expect([...back.keys()]).toEqual(['a.xml', '目录/b.txt'])
    expect(new TextDecoder().decode(back.get('目录/b.txt'))).toBe('乙'.repeat(1000))
  })
})
