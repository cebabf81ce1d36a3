import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {reportError, reportMessage, type Reporter} from '../../../src/cli/report.js'
import {PaibanError} from '../../../src/errors.js'

function capture(githubActions: boolean): {reporter: Reporter; lines: string[]} {
  const lines: string[] = []
  return {reporter: {out: (line) => lines.push(line), err: (line) => lines.push(line), color: false, githubActions}, lines}
}

describe('reports', () => {
  it('prints lint messages as file:line:column  severity  reason  rule-id', () => {
    const {reporter, lines} = capture(false)
    const file = new VFile({path: 'source/x.md'})
    const message = file.message('Unexpected `,`, expected `，`', {place: {line: 3, column: 5}, ruleId: 'halfwidth-punctuation', source: 'paiban-normalize'})
    reportMessage(reporter, message)
    expect(lines).toEqual(['source/x.md:3:5  warning  Unexpected `,`, expected `，`  halfwidth-punctuation'])
  })

  it('adds GitHub annotations in Actions, for lint messages and for failures', () => {
    const {reporter, lines} = capture(true)
    const file = new VFile({path: 'source/x.md'})
    reportMessage(reporter, file.message('Unexpected 100%', {place: {line: 3, column: 5}, ruleId: 'r'}))
    reportError(reporter, new PaibanError('E_CHECK', 'Preflight failed:\n  lost text', {place: 'source/x.md:12:1'}))
    expect(lines).toContain('::warning file=source/x.md,line=3,col=5::Unexpected 100%25')
    expect(lines).toContain('::error file=source/x.md,line=12,col=1::Preflight failed:%0A  lost text')
  })

  it('prints no stack trace unless asked', () => {
    const {reporter, lines} = capture(false)
    reportError(reporter, new Error('boom'), 'source/x.md')
    expect(lines.join('\n')).not.toMatch(/\n\s+at /)
  })
})
