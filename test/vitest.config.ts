import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // The Word writer's worker, started from src/, loads TypeScript through these hooks (src/write/docx/job.ts).
    env: {PAIBAN_WORKER_TYPESCRIPT: new URL('./helpers/typescript-register.mjs', import.meta.url).href},
    // End-to-end suites share one Chromium per file; give them room on 2 cores.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: true,
    maxWorkers: 2
  }
})
