import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {templateSchema} from '../../../src/template/schema.js'
import {projectRoot} from '../../helpers/template.js'

describe('docs/templates.md', () => {
  it('documents every top-level and page field of the schema', async () => {
    const docs = await readFile(path.join(projectRoot, 'docs/templates.md'), 'utf8')
    for (const key of Object.keys(templateSchema.shape)) expect(docs, key).toContain(`\`${key}`)
    for (const key of Object.keys(templateSchema.shape.page.shape)) expect(docs, key).toContain(key)
    for (const key of Object.keys(templateSchema.shape.runningHead.shape)) expect(docs, key).toContain(key)
    for (const key of Object.keys(templateSchema.shape.pageNumber.shape)) expect(docs, key).toContain(key)
    for (const key of Object.keys(templateSchema.shape.grid.unwrap().shape)) expect(docs, key).toContain(`grid.${key}`)
    for (const key of ['runIn', 'indentChars', 'pageBreakBefore']) expect(docs, key).toContain(key)
    for (const field of ['fonts.<key>.substitute', 'fonts.<key>.word.altName']) expect(docs, field).toContain(field)
  })
})
