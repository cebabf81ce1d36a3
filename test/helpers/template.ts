import path from 'node:path'
import {loadTemplate, templateDirectory} from '../../src/template/load.js'
import {resolveTemplate, type ResolvedTemplate} from '../../src/template/resolve.js'
import type {BuildContext} from '../../src/context.js'
import {parseDocument} from '../../src/model/parse.js'

export const projectRoot = path.resolve(import.meta.dirname, '../..')

/** A built-in template, loaded and resolved as a build would. */
export async function builtInTemplate(name = 'booklet'): Promise<ResolvedTemplate> {
  const directory = templateDirectory(name, projectRoot)
  return resolveTemplate(await loadTemplate(directory), directory)
}

/** A BuildContext for Markdown given inline. */
export async function contextFor(markdown: string, template?: ResolvedTemplate): Promise<BuildContext> {
  return {
    document: parseDocument(markdown, 'test.md'),
    template: template ?? (await builtInTemplate()),
    sourceDateEpoch: 1_685_577_600,
    projectRoot,
    sourceDirectory: projectRoot
  }
}
