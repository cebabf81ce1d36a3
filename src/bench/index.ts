import {execFileSync} from 'node:child_process'
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {parseDocument} from '../model/parse.js'
import {packageRoot} from '../paths.js'
import {loadTemplate, templateDirectory} from '../template/load.js'
import {resolveTemplate} from '../template/resolve.js'
import {writeHtml} from '../write/html/index.js'
import {chromiumFlags, findChromium} from '../write/pdf/browser.js'
import {repeatedSeed} from './cases.js'
import {measure, median, type Measurement} from './measure.js'

/**
 * `npm run bench`: paiban against the floor — headless Chromium printing
 * paiban's own HTML by itself — as medians of alternating runs, written to
 * docs/benchmarks.md. `--short` (CI): the seed only, one run, to stdout.
 */
const short = process.argv.includes('--short')
const runsFlag = process.argv.indexOf('--runs')
const runs = short ? 1 : runsFlag === -1 ? 5 : Number(process.argv[runsFlag + 1])
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number of 1 or more')
const cli = path.join(packageRoot, 'dist/bundle/paiban.js')
const seedFile = path.join(packageRoot, 'source/zhuti-jiaoyu.md')

interface Row {
  name: string
  paiban: Measurement[]
  floor: Measurement[] | undefined
  floorName: string
  target: string
}

async function floorHtml(markdown: string, file: string): Promise<void> {
  const document = parseDocument(markdown, path.basename(file))
  const directory = templateDirectory('booklet', packageRoot)
  const template = resolveTemplate(await loadTemplate(directory), directory)
  const html = writeHtml(
    {document, template, sourceDateEpoch: 0, projectRoot: path.dirname(file), sourceDirectory: path.dirname(file)},
    {name: 'floor'}
  )
  // The same page paiban prints, with its fonts as files the browser opens by itself.
  let page = html.printBody
  for (const [url, fontFile] of html.printFonts) page = page.replaceAll(`url('${url}')`, `url('file://${fontFile}')`)
  await writeFile(file, page)
}

function chromiumPrint(chromium: string, html: string, pdf: string, profile: string): [string, string[]] {
  return [chromium, ['--headless', ...chromiumFlags, `--user-data-dir=${profile}`, '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${html}`]]
}

/** A run for the time, not sampled, then one sampled for memory and CPU time: sampling slows what it would time. */
async function timeAndSample(run: (sample: boolean) => Promise<Measurement>): Promise<Measurement> {
  const timed = await run(false)
  const sampled = await run(true)
  return {milliseconds: timed.milliseconds, peakBytes: sampled.peakBytes, cpuMilliseconds: sampled.cpuMilliseconds, exitCode: timed.exitCode}
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'paiban-bench-'))
  const environment = {...process.env, NO_COLOR: '1'}
  const rows: Row[] = []
  const chromium = await findChromium()
  /** Node running `args` in `cwd`: timed in one run, sampled in another. */
  const timeNode = (args: string[], cwd: string): Promise<Measurement> =>
    timeAndSample((sample) => measure(process.execPath, args, {cwd, env: environment, sample}))
  try {
    const sizes = short ? [1] : [1, 10, 100]
    for (const times of sizes) {
      const name = `seed-x${times}`
      const markdown = times === 1 ? await readFile(seedFile, 'utf8') : await repeatedSeed(seedFile, times)
      const source = path.join(work, `${name}.md`)
      await writeFile(source, markdown)
      const html = path.join(work, `${name}.floor.html`)
      await floorHtml(markdown, html)
      const row: Row = {name: `${times === 1 ? 'seed' : `seed ×${times}`}: PDF + Word + HTML`, paiban: [], floor: [], floorName: 'chromium --print-to-pdf', target: '≤ 1.3× floor'}
      const floorRun = async (sample: boolean): Promise<Measurement> => {
        const profile = await mkdtemp(path.join(work, 'profile-'))
        const [command, args] = chromiumPrint(chromium, html, path.join(work, `${name}.floor.pdf`), profile)
        const measured = await measure(command, args, {cwd: work, env: environment, sample})
        await rm(profile, {recursive: true, force: true})
        return measured
      }
      for (let run = 0; run < runs; run++) {
        row.floor?.push(await timeAndSample(floorRun))
        row.paiban.push(await timeNode([cli, 'build', source, '--out', path.join(work, 'out'), '--force'], work))
        process.stderr.write(`${row.name} run ${run + 1}/${runs}\n`)
      }
      rows.push(row)
      if (times === 100) {
        const word: Row = {name: 'seed ×100: Word alone', paiban: [], floor: undefined, floorName: '—', target: '≤ 2 s'}
        for (let run = 0; run < runs; run++) {
          word.paiban.push(await timeNode([cli, 'build', source, '--out', path.join(work, 'word'), '--format', 'docx', '--force'], work))
        }
        rows.push(word)
      }
    }
    if (!short) {
      // A batch of 20 seed-sized documents in one command, against 20 separate runs of the seed (the seed row's median × 20).
      const batch = path.join(work, 'batch')
      await mkdir(path.join(batch, 'source'), {recursive: true})
      const seed = await readFile(seedFile, 'utf8')
      for (let index = 1; index <= 20; index++) await writeFile(path.join(batch, 'source', `doc-${index}.md`), seed)
      const row: Row = {name: 'batch of 20 seed-sized documents, one command', paiban: [], floor: undefined, floorName: '20 separate runs', target: '≤ 0.5× 20 runs'}
      for (let run = 0; run < runs; run++) {
        row.paiban.push(await timeNode([cli, 'build', '--force'], batch))
      }
      const single = rows[0]?.paiban.map((measurement) => measurement.milliseconds) ?? []
      row.floor = [{milliseconds: median(single) * 20, peakBytes: 0, cpuMilliseconds: 0, exitCode: 0}]
      rows.push(row)
      // A rebuild with nothing to do, against starting Node itself.
      const noop: Row = {name: 'no-op rebuild of the batch', paiban: [], floor: [], floorName: '`node -e ""`', target: '≤ 0.5 s'}
      for (let run = 0; run < runs; run++) {
        noop.floor?.push(await timeNode(['-e', ''], batch))
        noop.paiban.push(await timeNode([cli, 'build'], batch))
      }
      rows.push(noop)
    }
  } finally {
    await rm(work, {recursive: true, force: true})
  }
  const report = render(rows, chromium)
  if (short) {
    process.stdout.write(report)
  } else {
    await writeFile(path.join(packageRoot, 'docs/benchmarks.md'), report)
    process.stdout.write(report)
  }
}

function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(2)} s`
}

/** 0 or undefined: not measured for this case. */
function megabytes(bytes: number | undefined): string {
  return bytes ? `${Math.round(bytes / 1024 / 1024)} MB` : '—'
}

function cpuSeconds(milliseconds: number | undefined): string {
  return milliseconds ? seconds(milliseconds) : '—'
}

function machine(executable: string): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
  let chromium = 'unknown'
  try {
    chromium = execFileSync(executable, ['--version'], {encoding: 'utf8'}).trim()
  } catch {
    // The table says so.
  }
  return `${os.availableParallelism()} cores (${cpu}), ${Math.round(os.totalmem() / 1024 ** 3)} GB, ${os.type()} ${os.release()}, Node ${process.version}, ${chromium}`
}

function render(rows: Row[], chromium: string): string {
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\`${short ? ' --short' : ''} on ${machine(chromium)}. Each figure is the median of ${runs} run${runs === 1 ? '' : 's'}, paiban and its floor alternating; time is the whole process's wall time. Memory (the peak of the summed PSS of the process and all its children, the browser included) and CPU (user plus system time of all of them) are sampled (memory every 50 ms, CPU every 10 ms) in a second run of each: sampling costs CPU, so timed runs are not sampled.`,
    '',
    '| case | paiban | CPU | peak memory | floor | floor time | floor CPU | floor memory | ratio | target |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |'
  ]
  const mid = (measurements: Measurement[] | undefined, pick: (measurement: Measurement) => number): number | undefined =>
    measurements ? median(measurements.map(pick)) : undefined
  for (const row of rows) {
    const time = mid(row.paiban, (measurement) => measurement.milliseconds) ?? 0
    const floorTime = mid(row.floor, (measurement) => measurement.milliseconds)
    const cells = [
      row.name,
      seconds(time),
      cpuSeconds(mid(row.paiban, (measurement) => measurement.cpuMilliseconds)),
      megabytes(mid(row.paiban, (measurement) => measurement.peakBytes)),
      row.floorName,
      floorTime === undefined ? '—' : seconds(floorTime),
      cpuSeconds(mid(row.floor, (measurement) => measurement.cpuMilliseconds)),
      megabytes(mid(row.floor, (measurement) => measurement.peakBytes)),
      floorTime ? `${(time / floorTime).toFixed(2)}×` : '—',
      row.target
    ]
    lines.push(`| ${cells.join(' | ')} |`)
  }
  if (!short) lines.push('', 'What these numbers mean, where the time goes and what limits us now: [performance.md](performance.md).')
  return `${lines.join('\n')}\n`
}

await main()
