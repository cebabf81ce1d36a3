import {cp, readFile, stat, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {PaibanError} from '../errors.js'
import {loadTemplate, templateDirectory} from './load.js'

export interface InitTemplateOptions {
  /** The new template's name: its folder's name and `name:` in its template.yaml. */
  name: string
  /** The template to start from: a built-in name (`booklet`) or a folder. Default: `booklet`. */
  from?: string
  /** The folder to create it in. Default: `templates/` under `cwd`. */
  into?: string
  /** Where relative paths start. Default: the working directory. */
  cwd?: string
}

/**
 * Copy a template into the user's repository to edit: its folder (template.yaml,
 * its stylesheet and whatever else it holds), renamed. The copy is validated
 * as it would be at build time, so it works as written.
 * Returns the new folder.
 */
export async function initTemplate(options: InitTemplateOptions): Promise<string> {
  const cwd = options.cwd ?? process.cwd()
  if (!/^[a-z][a-z0-9-]*$/.test(options.name)) {
    throw new PaibanError('E_USAGE', `Invalid template name \`${options.name}\``, {
      hint: 'Use lower-case letters, digits and hyphens, starting with a letter (e.g. `my-booklet`).'
    })
  }
  const source = templateDirectory(options.from ?? 'booklet', cwd)
  // Fails with the list of built-in templates if `from` is none.
  await loadTemplate(source)
  const target = path.resolve(cwd, options.into ?? 'templates', options.name)
  if (await stat(target).then(() => true, () => false)) {
    throw new PaibanError('E_USAGE', `${target} already exists`, {hint: 'Choose another name, or remove the folder first.'})
  }
  await cp(source, target, {recursive: true, errorOnExist: true, force: false})
  const file = path.join(target, 'template.yaml')
  const yaml = await readFile(file, 'utf8')
  if (!/^name: .*$/m.test(yaml)) throw new PaibanError('E_TEMPLATE', `${file} has no top-level \`name:\` line`, {hint: 'Add `name: …` to the template.'})
  await writeFile(file, yaml.replace(/^name: .*$/m, `name: ${options.name}`))
  await loadTemplate(target)
  return target
}

