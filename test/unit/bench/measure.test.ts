import {describe, expect, it} from 'vitest'
import {measure} from '../../../src/bench/measure.js'

/** Node code that keeps one core busy for `milliseconds` of its own CPU time. */
const burn = (milliseconds: number): string =>
  `const end = ${milliseconds} * 1000; while (process.cpuUsage().user < end) {}`

describe('measure: CPU time of a process tree', () => {
  it('counts a child the command waited for', async () => {
    const script = `require('node:child_process').spawnSync(process.execPath, ['-e', ${JSON.stringify(burn(400))}])`
    const measured = await measure(process.execPath, ['-e', script], {cwd: process.cwd(), sample: true})
    expect(measured.cpuMilliseconds).toBeGreaterThanOrEqual(400)
    expect(measured.cpuMilliseconds).toBeLessThan(2000)
  })

  it('counts a helper orphaned by its parent, as a browser leaves its helpers', async () => {
    // A shell starts the helper and exits 200 ms later: init adopts the helper. The command waits
    // for it to end without being its parent (a zombie counts as ended: init may be slow to reap).
    // (A helper orphaned before the first look at the tree, 50 ms apart, would go unseen.)
    const script = `
      const {execFileSync} = require('node:child_process')
      const {readFileSync} = require('node:fs')
      const helper = ${JSON.stringify(burn(400))}
      const pid = execFileSync('sh', ['-c', 'node -e "$0" >/dev/null 2>&1 & echo $!; sleep 0.2', helper], {encoding: 'utf8'}).trim()
      const ended = () => { try { return readFileSync('/proc/' + pid + '/stat', 'utf8').split(') ')[1].startsWith('Z') } catch { return true } }
      const wait = () => (ended() ? undefined : setTimeout(wait, 5))
      wait()`
    const measured = await measure(process.execPath, ['-e', script], {cwd: process.cwd(), sample: true})
    // The orphan's last 10 ms or so may go unseen.
    expect(measured.cpuMilliseconds).toBeGreaterThanOrEqual(350)
    expect(measured.cpuMilliseconds).toBeLessThan(2000)
  })

  it('reads nothing of the tree when not asked to sample', async () => {
    const measured = await measure(process.execPath, ['-e', burn(50)], {cwd: process.cwd()})
    expect(measured).toMatchObject({cpuMilliseconds: 0, peakBytes: 0, exitCode: 0})
  })
})
