#!/usr/bin/env node
'use strict'
// The `hooktray` command. The TypeScript sources are bundled into out/cli by `npm run build`.
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const entry = join(__dirname, '..', 'out', 'cli', 'index.js')
if (!existsSync(entry)) {
  console.error('hooktray: not built yet. Run `npm run build` in the Hooktray checkout first.')
  process.exit(1)
}
require(entry).main(process.argv.slice(2))
