import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {frontMatterSettings} from '../../../src/read/source.js'

/** What the YAML parser makes of the front matter's template and press. */
function byYaml(frontMatter: string): Record<string, unknown> {
  try {
    const data = parse(frontMatter) as Record<string, unknown> | null
    if (typeof data !== 'object' || data === null) return {}
    return {
      ...(typeof data['template'] === 'string' ? {template: data['template']} : {}),
      ...(typeof data['press'] === 'object' && data['press'] !== null && !Array.isArray(data['press']) ? {press: data['press']} : {})
    }
  } catch {
    return {}
  }
}

const cases = [
  'title: 通知\ntemplate: gongwen',
  'template: gongwen\ntitle: 通知',
  'title: 通知\ntemplate:\tgongwen  ',
  'title: 通知\ntemplate: my-template_2',
  'title: 通知\ntemplate: ./templates/mine',
  "title: 通知\ntemplate: 'gongwen'",
  'title: 通知\ntemplate: "gongwen"',
  'title: 通知\ntemplate: gongwen # 公文',
  'title: 通知\ntemplate:gongwen',
  'title: 通知\ntemplate : gongwen',
  'title: 通知\ntemplate: true',
  'title: 通知\ntemplate: NULL',
  'title: 通知\ntemplate: 123',
  'title: 通知\ntemplate: .inf',
  'title: 通知\ntemplate: gongwen\ntemplate: booklet',
  'title: 通知\ntemplate: gongwen\npress: {press: true}',
  'title: 通知\npress:\n  press: true',
  'title: 通知\nsubject: |\n  template: gongwen'
]

describe('frontMatterSettings', () => {
  it('reads template and press as the YAML parser does, with or without it', async () => {
    for (const frontMatter of cases) {
      expect([frontMatter, await frontMatterSettings(`---\n${frontMatter}\n---\n\n正文\n`)]).toEqual([frontMatter, byYaml(frontMatter)])
    }
  })

  it('reads a plain template line even where the rest of the YAML does not parse: the model then reports the YAML error', async () => {
    expect(await frontMatterSettings('---\ntitle: [通知\ntemplate: gongwen\n---\n\n正文\n')).toEqual({template: 'gongwen'})
  })
})
