// Lets a worker thread started from the TypeScript sources (src/write/docx/job.ts under
// vitest) load them: Node 20 runs no TypeScript, and vitest transforms only its own
// threads. vitest.config.ts names this module in PAIBAN_WORKER_TYPESCRIPT; job.ts passes
// it to the worker as `--import`.
import {register} from 'node:module'

register('./typescript-hooks.mjs', import.meta.url)
