import {execFile} from 'node:child_process'
import path from 'node:path'
import {promisify} from 'node:util'
import {PaibanError} from '../errors.js'

/**
 * Versions of a text from git, for `paiban diff FILE --from REV [--to REV]`.
 * git runs in the file's folder and names the file `./name`, so any path to
 * it works, inside any repository.
 */

const run = promisify(execFile)

/** Who made a version and when: the author and author date of a commit. */
export interface CommitInfo {
  commit: string
  author: string
  /** xsd:dateTime in UTC, e.g. `2024-03-01T08:00:00Z`. */
  date: string
}

async function git(args: string[], file: string, encoding: 'buffer'): Promise<Buffer>
async function git(args: string[], file: string, encoding: 'utf8'): Promise<string>
async function git(args: string[], file: string, encoding: 'buffer' | 'utf8'): Promise<Buffer | string> {
  try {
    const {stdout} = await run('git', args, {cwd: path.dirname(path.resolve(file)), encoding, maxBuffer: 64 * 1024 * 1024})
    return stdout
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & {stderr?: Buffer | string}
    if (failure.code === 'ENOENT') throw new PaibanError('E_INPUT', 'git is not installed', {hint: 'Install git, or give both versions as files: `paiban diff OLD NEW`.'})
    const reason = String(failure.stderr ?? failure.message).trim().split('\n')[0] ?? ''
    throw new PaibanError('E_INPUT', `git ${args[0] ?? ''} failed for ${file}: ${reason}`, {
      place: file,
      hint: 'Check that the file is in a git repository and that the revision exists and has the file (`git log --oneline -- FILE`).'
    })
  }
}

/** The file's bytes as committed at `revision` (`git show REV:./name`). */
export async function readAtRevision(file: string, revision: string): Promise<Uint8Array> {
  return git(['show', `${revision}:./${path.basename(file)}`], file, 'buffer')
}

/**
 * The commit that made the file what it is at `revision`: the last one up to
 * it that changed the file (on a merge commit, the change's own commit).
 * Falls back to `revision` itself when no commit touched the file.
 */
export async function commitOf(file: string, revision: string): Promise<CommitInfo> {
  const format = ['--format=%H%x00%an%x00%aI']
  const changed = (await git(['log', '-1', ...format, revision, '--', `./${path.basename(file)}`], file, 'utf8')).trim()
  const line = changed || (await git(['log', '-1', ...format, revision], file, 'utf8')).trim()
  const [commit = '', author = '', date = ''] = line.split('\0')
  return {commit, author, date: utcDateTime(new Date(date))}
}

/** `git config user.name` in the file's repository, if set. */
export async function gitUserName(file: string): Promise<string | undefined> {
  try {
    const name = (await git(['config', 'user.name'], file, 'utf8')).trim()
    return name || undefined
  } catch {
    return undefined
  }
}

/** An instant as xsd:dateTime in UTC, without fractions: `2024-03-01T08:00:00Z`. */
export function utcDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}
