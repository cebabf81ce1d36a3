// The `paiban` command as one bundle (dist/bundle/): Node loads a few large
// files much faster than the ~700 modules paiban and its packages are made
// of (docs/performance.md). tsc's dist/ stays the library and its types.
// The Word writer's worker is a second entry, worker.js beside the chunks,
// where write/docx/job.ts looks for it; what both use is shared in chunks,
// and what the command loads lazily stays lazy (splitting).
import {rmSync} from 'node:fs'
import {build} from 'esbuild'

// Chunk names carry their content's hash: start empty, or old chunks pile up.
rmSync('dist/bundle', {recursive: true, force: true})

await build({
  entryPoints: {paiban: 'src/cli/bin.ts', worker: 'src/write/docx/worker.ts'},
  outdir: 'dist/bundle',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // ES module builds where a package has both (pdf-lib, docx): no CommonJS wrappers.
  mainFields: ['module', 'main'],
  // Loaded only to find a Chrome that Puppeteer downloaded (write/pdf/browser.ts).
  external: ['puppeteer'],
  // CommonJS code in the bundle may require Node's own modules.
  banner: {js: "import {createRequire as paibanCreateRequire} from 'node:module'; const require = paibanCreateRequire(import.meta.url);"},
  sourcemap: true,
  legalComments: 'eof',
  logLevel: 'warning'
})
