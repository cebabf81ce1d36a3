import {execFile} from 'node:child_process'
import {copyFile, mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli as run} from '../helpers/cli.js'
import {all, unpackDocx} from '../helpers/docx.js'
import {pdfText, squash} from '../helpers/pdf.js'
import {projectRoot} from '../helpers/template.js'

/**
 * `paiban diff` from the command line: two files, two git revisions of one
 * file (in a temporary repository), the working copy against a revision,
 * HTML and PDF for reading, and the usage errors.
 */
const fixtures = path.join(projectRoot, 'test/fixtures/diff')
const git = promisify(execFile)

/** Authors and dates of every tracked change in a .docx. */
async function changeAuthors(file: string): Promise<Set<string>> {
  const docx = await unpackDocx(await readFile(file))
  const document = await docx.xml('word/document.xml')
  return new Set([...all(document, 'w:ins'), ...all(document, 'w:del')].map((change) => `${change.attributes['w:author']} ${change.attributes['w:date']}`))
}

let repository: string

beforeAll(async () => {
  // A repository with two commits of source/x.md: the older text by 甲, the newer by 乙.
  repository = await mkdtemp(path.join(os.tmpdir(), 'paiban-diff-git-'))
  const commit = async (fixture: string, name: string, date: string): Promise<void> => {
    await copyFile(path.join(fixtures, fixture), path.join(repository, 'source/x.md'))
    await git('git', ['add', 'source/x.md'], {cwd: repository})
    await git('git', ['-c', `user.name=${name}`, '-c', 'user.email=x@example.org', 'commit', '-q', '-m', fixture], {
      cwd: repository,
      env: {...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date}
    })
  }
  await mkdir(path.join(repository, 'source'))
  await git('git', ['init', '-q'], {cwd: repository})
  await git('git', ['config', 'user.name', '丙'], {cwd: repository})
  await commit('old.md', '甲', '2024-01-05T10:00:00+08:00')
  await commit('new.md', '乙', '2024-03-01T16:00:00+08:00')
})

describe('paiban diff', () => {
  it('compares two revisions, dated and signed by the newer commit', async () => {
    const result = await run(['diff', 'source/x.md', '--from', 'HEAD~1', '--to', 'HEAD', '-o', 'out/x.docx'], repository)
    expect(result.code, result.err).toBe(0)
    expect(result.out).toMatch(/out\/x\.docx {2}11 insertions \(106 characters\), 5 deletions \(116 characters\)/)
    expect(await changeAuthors(path.join(repository, 'out/x.docx'))).toEqual(new Set(['乙 2024-03-01T08:00:00Z']))
  })

  it('compares the working copy with a revision, as the user of the repository', async () => {
    await writeFile(path.join(repository, 'source/x.md'), (await readFile(path.join(fixtures, 'new.md'), 'utf8')).replace('撰写心得体会', '撰写学习心得'))
    const result = await run(['diff', 'source/x.md', '--from', 'HEAD', '--date', '2024-03-02'], repository)
    expect(result.code, result.err).toBe(0)
    expect(result.out).toContain('output/x.redline.docx  1 insertion (2 characters), 1 deletion (2 characters)')
    expect(await changeAuthors(path.join(repository, 'output/x.redline.docx'))).toEqual(new Set(['丙 2024-03-02T00:00:00Z']))
  })

  it('writes the redline for reading as HTML and PDF', async () => {
    const result = await run(['diff', path.join(fixtures, 'old.md'), path.join(fixtures, 'new.md'), '-o', 'read/x', '--format', 'html,pdf'], repository)
    expect(result.code, result.err).toBe(0)
    const html = await readFile(path.join(repository, 'read/x.html'), 'utf8')
    expect(html).toContain('既<del>启</del><ins>激</ins>发')
    expect(html).toMatch(/<p data-revision="deleted"><del><strong class="lead">二要坚定理想信念/)
    // Both versions' text is printed: the older where it was, the newer beside it.
    const text = squash(await pdfText(path.join(repository, 'read/x.pdf')))
    expect(text).toContain('既启激发思想自觉')
    expect(text).toContain('二要坚定理想信念')
    expect(text).toContain('四要突出问题导向')
  })

  it('exits 2 on a usage error, saying what to run', async () => {
    for (const argv of [['diff', 'a.md'], ['diff', 'a.md', 'b.md', '--to', 'HEAD'], ['diff', 'a.md', '--from', 'HEAD', 'b.md'], ['diff', 'a.md', 'b.md', '--date', 'March']]) {
      const result = await run(argv, repository)
      expect(result.code, argv.join(' ')).toBe(2)
      expect(result.err).toMatch(/E_USAGE/)
    }
  })

  it('exits 1 naming a revision git does not know', async () => {
    const result = await run(['diff', 'source/x.md', '--from', 'no-such-branch'], repository)
    expect(result.code).toBe(1)
    expect(result.err).toContain('source/x.md')
  })
})
