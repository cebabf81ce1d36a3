#!/usr/bin/env node
// The `paiban` command: argv in, exit code out (see main.ts).
import {main} from './main.js'

process.exitCode = await main(process.argv.slice(2))
