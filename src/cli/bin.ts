#!/usr/bin/env node
// The `paiban` command: argv in, exit code out (see main.ts).
import nodeModule from 'node:module'

// Node ≥ 22.1 keeps the bytecode it compiles for paiban and its packages on
// disk, so later runs skip most of the compiling (in NODE_COMPILE_CACHE, else
// <tmp>/node-compile-cache; NODE_DISABLE_COMPILE_CACHE=1 turns it off). It
// must come before the imports it should speed up: main.js is imported below.
;(nodeModule as {enableCompileCache?: () => unknown}).enableCompileCache?.()

const {main} = await import('./main.js')
process.exitCode = await main(process.argv.slice(2))
