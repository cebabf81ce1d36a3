import path from 'node:path'
import {styleText} from 'node:util'
import type {VFile} from 'vfile'
import {PaibanError} from '../errors.js'

type VFileMessage = VFile['messages'][number]
import type {BuildEvent} from '../build.js'

/**
 * What the CLI prints. Colour only on a terminal and without NO_COLOR;
 * in GitHub Actions, errors also become annotations on the pull request.
 */
export interface Reporter {
  out(line: string): void
  err(line: string): void
  color: boolean
  githubActions: boolean
}

export function consoleReporter(): Reporter {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    color: Boolean(process.stderr.isTTY) && !process.env['NO_COLOR'] && !process.env['CI'],
    githubActions: process.env['GITHUB_ACTIONS'] === 'true'
  }
}

function paint(reporter: Reporter, format: Parameters<typeof styleText>[0], text: string): string {
  return reporter.color ? styleText(format, text) : text
}

function relative(file: string): string {
  const result = path.relative(process.cwd(), file)
  return result.startsWith('..') ? file : result
}

function seconds(milliseconds: number): string {
  return milliseconds < 1000 ? `${Math.round(milliseconds)} ms` : `${(milliseconds / 1000).toFixed(2)} s`
}

/**
 * Build progress as plain lines (the same on a terminal and in CI: no
 * spinners): one line per output, then one per document with its phases' times.
 */
export function buildEventReporter(reporter: Reporter): (event: BuildEvent) => void {
  const phases = new Map<string, string[]>()
  return (event) => {
    if (event.type === 'phase') {
      const list = phases.get(event.input) ?? []
      list.push(`${event.phase} ${seconds(event.milliseconds)}`)
      phases.set(event.input, list)
    } else if (event.type === 'output') {
      const pages = event.pages === undefined ? '' : `  ${event.pages} pages`
      reporter.out(`${paint(reporter, 'green', '✓')} ${relative(event.file)}${pages}`)
    } else if (event.type === 'done') {
      const list = phases.get(event.input) ?? []
      reporter.out(`  ${relative(event.input)}  ${list.join(' · ')}  total ${seconds(event.milliseconds)}`)
      phases.delete(event.input)
    } else if (event.type === 'note') {
      reporter.out(`  ${paint(reporter, 'yellow', 'note')}  ${relative(event.input)}: ${event.note}`)
    } else if (event.type === 'skipped') {
      reporter.out(`${paint(reporter, 'dim', '·')} ${relative(event.input)}  unchanged, skipped`)
    } else if (event.type === 'warning') {
      reporter.err(`${relative(event.input)}  ${paint(reporter, 'yellow', 'warning')}  ${event.message}`)
      if (reporter.githubActions) reporter.err(annotation('warning', event.message, relative(event.input)))
    } else {
      reportError(reporter, event.error, relative(event.input))
    }
  }
}

/** One error: place, message, hint. A stack trace only with --debug. */
export function reportError(reporter: Reporter, error: unknown, fallbackPlace?: string, debug = false): void {
  if (error instanceof PaibanError) {
    const place = error.place ? relative(error.place) : fallbackPlace
    reporter.err(`${place ? `${place}  ` : ''}${paint(reporter, 'red', 'error')}  ${error.message}  ${error.code}`)
    if (error.hint) reporter.err(`  ${error.hint}`)
    if (reporter.githubActions) reporter.err(annotation('error', error.message, place))
  } else {
    const message = error instanceof Error ? error.message : String(error)
    reporter.err(`${fallbackPlace ? `${fallbackPlace}  ` : ''}${paint(reporter, 'red', 'error')}  ${message}`)
    if (reporter.githubActions) reporter.err(annotation('error', message, fallbackPlace))
  }
  if (debug && error instanceof Error && error.stack) reporter.err(error.stack)
}

/** `file:line:col  severity  reason  rule-id`, the vfile-reporter layout. */
export function reportMessage(reporter: Reporter, message: VFileMessage): void {
  const place = `${message.file ? relative(message.file) : ''}:${message.line ?? 1}:${message.column ?? 1}`
  const severity = message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'
  const painted = paint(reporter, severity === 'error' ? 'red' : severity === 'warning' ? 'yellow' : 'blue', severity)
  reporter.out(`${place}  ${painted}  ${message.reason}  ${message.ruleId ?? ''}`.trimEnd())
  if (reporter.githubActions) {
    reporter.out(annotation(severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'notice', message.reason, place))
  }
}

/** A GitHub Actions workflow command: `::error file=…,line=…,col=…::message`. */
function annotation(level: 'error' | 'warning' | 'notice', message: string, place: string | undefined): string {
  const [file, line, col] = (place ?? '').split(':')
  const properties = [file ? `file=${file}` : '', line ? `line=${line}` : '', col ? `col=${col}` : ''].filter(Boolean).join(',')
  const escaped = message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
  return `::${level}${properties ? ` ${properties}` : ''}::${escaped}`
}
