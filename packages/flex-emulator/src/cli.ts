#!/usr/bin/env node
import { runCli } from './run-cli.js'

await runCli(process.argv.slice(2), {
  log: (line) => console.log(line),
  error: (line) => console.error(line),
  exit: (code) => process.exit(code),
  onSignal: (signal, handler) => process.on(signal, handler),
  env: process.env,
})
