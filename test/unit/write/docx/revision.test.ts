import {mkdtemp, readFile, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {buildRedline} from '../../../../src/diff/index.js'
import {all, child, textOf, unpackDocx} from '../../../helpers/docx.js'
import {projectRoot} from '../../../helpers/template.js'
import {tool} from '../../../helpers/tools.js'

const schema = path.join(path.resolve(projectRoot, process.env['PAIBAN_OOXML_SCHEMAS'] ?? '../shared/ooxml-schemas'), 'microsoft/wml-2010.xsd')

describe('tracked paragraph marks', () => {
  it('keep a run-in heading’s hidden mark beside the revision, in schema order', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'paiban-revision-'))
    const front = '---\ntitle: 关于开展调查研究的通知\ntemplate: gongwen\n---\n\n## 一、总体要求\n\n'
    await writeFile(path.join(directory, 'old.md'), `${front}正文第一段。\n`)
    await writeFile(path.join(directory, 'new.md'), `${front}正文第一段。\n\n### （一）新增的小标题。\n\n小标题后的正文。\n`)
    const file = path.join(directory, 'x.docx')
    await buildRedline({before: {file: path.join(directory, 'old.md')}, after: {file: path.join(directory, 'new.md')}, outputs: [{format: 'docx', file}], author: '甲', date: '2024-03-01T00:00:00Z', projectRoot})
    const docx = await unpackDocx(await readFile(file))
    const heading = all(await docx.xml('word/document.xml'), 'w:p').find((paragraph) => textOf(paragraph).includes('新增的小标题'))
    const mark = heading && child(child(heading, 'w:pPr') ?? heading, 'w:rPr')
    expect(mark?.children.map((element) => (typeof element === 'string' ? element : element.name))).toEqual(['w:ins', 'w:vanish', 'w:specVanish'])
    const part = path.join(directory, 'document.xml')
    await writeFile(part, (await docx.text('word/document.xml')).replace(/ mc:Ignorable="[^"]*"/, ''))
    await expect(tool('xmllint', ['--noout', '--schema', schema, part])).resolves.toBeDefined()
  })
})
