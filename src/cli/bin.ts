#!/usr/bin/env node
// The `paiban` command: argv in, exit code out (see main.ts).
import nodeModule from 'node:module'
import v8 from 'node:v8'

// Node ≥ 22.1 keeps the bytecode it compiles for paiban and its packages on
// disk, so later runs skip most of the compiling (in NODE_COMPILE_CACHE, else
// <tmp>/node-compile-cache; NODE_DISABLE_COMPILE_CACHE=1 turns it off). It
// must come before the imports it should speed up: main.js is imported below.
;(nodeModule as {enableCompileCache?: () => unknown}).enableCompileCache?.()

// V8 optimises a function (TurboFan, on its own threads) once it has run for
// a while. A build is one short run, and at V8's threshold much of that
// compiling is for code with little left to do once optimised: 0.2 s of a
// seed build's 1.5 s of CPU in Node, 1 s at ×100. Sixteen times Node 20's
// threshold (eight times Node 22's) leaves it to the code that runs long,
// such as the Markdown parser at ×100, which is no slower (docs/performance.md).
// Set before anything else loads; a program using paiban as a library keeps
// V8's defaults.
v8.setFlagsFromString('--interrupt-budget=1081344')

const {main} = await import('./main.js')
process.exitCode = await main(process.argv.slice(2))
