// `npm test`: unit + integration tests (node:test under tsx) and Playwright end-to-end tests,
// then one closing line "N passed, N failed" that counts both.
import { spawn } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const args = process.argv.slice(2)
const runUnit = !args.includes('--e2e')
const runE2e = !args.includes('--unit')

function findTests(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'out' || name.startsWith('.')) continue
    const p = join(dir, name)
    if (statSync(p).isDirectory()) findTests(p, out)
    else if (name.endsWith('.test.ts')) out.push(p)
  }
  return out
}

function run(cmd, cmdArgs, parse) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { stdio: ['ignore', 'pipe', 'inherit'], env: process.env })
    let text = ''
    child.stdout.on('data', (d) => {
      process.stdout.write(d)
      text += d.toString()
      if (text.length > 1e6) text = text.slice(-2e5)
    })
    child.on('close', (code) => resolve({ code: code ?? 1, ...parse(text) }))
  })
}

const totals = { passed: 0, failed: 0, skipped: 0 }
let exitCode = 0

if (runUnit) {
  const files = [...findTests('electron'), ...findTests('shared'), ...findTests('renderer')].sort()
  console.log(`\n== unit and integration tests (${files.length} files) ==`)
  const r = await run(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
    (t) => {
      const num = (label) => Number((t.match(new RegExp(`ℹ ${label} (\\d+)`)) ?? [])[1] ?? 0)
      return { passed: num('pass'), failed: num('fail') + num('cancelled'), skipped: num('skipped') + num('todo') }
    },
  )
  totals.passed += r.passed
  totals.failed += r.failed
  totals.skipped += r.skipped
  if (r.code !== 0) exitCode = 1
  if (r.code !== 0 && r.failed === 0) totals.failed += 1 // the runner itself failed
}

if (runE2e) {
  console.log('\n== end-to-end tests (Playwright, Chromium) ==')
  const r = await run(process.execPath, ['node_modules/@playwright/test/cli.js', 'test'], (t) => {
    const num = (label) => Number((t.match(new RegExp(`(\\d+) ${label}`)) ?? [])[1] ?? 0)
    return { passed: num('passed'), failed: num('failed') + num('flaky') + num('interrupted'), skipped: num('skipped') }
  })
  totals.passed += r.passed
  totals.failed += r.failed
  totals.skipped += r.skipped
  if (r.code !== 0) exitCode = 1
  if (r.code !== 0 && r.failed === 0) totals.failed += 1
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(exitCode)
