// `hooktray replay` as a user runs it: a child process that finds a real running instance
// through the runtime file in its data dir.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, afterEach, before, test } from 'node:test'
import { json, request, tempDir } from '../../tests/helpers/http'
import { closedPort, startTarget, type Target } from '../core/replay/test-helpers'
import { parseServeArgs, UsageError } from './args'
import { attemptFailed, parseReplayArgs } from './replay-command'
import { RUNTIME_FILE } from './runtime-file'
import { startHeadless, type Headless } from './serve'

let h: Headless
let dir: ReturnType<typeof tempDir>
const targets: Target[] = []

before(async () => {
  dir = tempDir()
  h = await startHeadless({ ...parseServeArgs(['--port', '0', '--ui-port', '0']), dataDir: dir.dir }, { token: 'cli-token' })
})
afterEach(async () => {
  for (const t of targets.splice(0)) await t.close()
})
after(async () => {
  await h.close()
  dir.cleanup()
})

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function runCli(args: string[], stdin?: Buffer): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'index.ts'), 'replay', ...args], {
    // No HOOKTRAY_DATA_DIR from the environment: the data dir comes from the arguments alone.
    env: { ...process.env, HOOKTRAY_DATA_DIR: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  child.stdin.end(stdin)
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })))
}

async function capture(path: string, body: string): Promise<number> {
  return json<{ id: number }>(await request(`${h.core.receiver.url}${path}`, { method: 'POST', body })).id
}

test('replays each ID to the target, prints each answer, exits 0 when all are answered < 400', async () => {
  const t = await startTarget((_req, res, seen) => {
    res.writeHead(seen.body.toString() === 'two' ? 202 : 200)
    res.end()
  })
  targets.push(t)
  const a = await capture('/a?q=1', 'one')
  const b = await capture('/b', 'two')
  const run = await runCli([String(a), String(b), '--to', t.url, '--data-dir', dir.dir])
  assert.equal(run.code, 0, run.stderr)
  const lines = run.stdout.trim().split('\n')
  assert.equal(lines.length, 2)
  assert.match(lines[0]!, new RegExp(`^#${a} → 200 in \\d+ ms`))
  assert.match(lines[1]!, new RegExp(`^#${b} → 202 in \\d+ ms`))
  assert.deepEqual(t.seen.map((s) => [s.url, s.body.toString()]), [['/a?q=1', 'one'], ['/b', 'two']])
})

test('--edit-body sends the file byte for byte (stdin too)', async () => {
  const t = await startTarget()
  targets.push(t)
  const id = await capture('/edit', '{"original":true}')
  const bytes = Buffer.from([0xff, 0x00, 0xfe, 0x7b, 0x0a, 0x80])
  const file = join(dir.dir, 'edited.bin')
  writeFileSync(file, bytes)
  const run = await runCli([String(id), '--to', t.url, '--edit-body', file, '--data-dir', dir.dir])
  assert.equal(run.code, 0, run.stderr)
  assert.match(run.stdout, /\(edited\)/)
  assert.deepEqual(t.seen[0]!.body, bytes)

  const piped = await runCli([String(id), '--to', t.url, '--edit-body', '-', '--data-dir', dir.dir], Buffer.from('from stdin'))
  assert.equal(piped.code, 0, piped.stderr)
  assert.equal(t.seen[1]!.body.toString(), 'from stdin')
})

test('a refused connection, a 500 or an unknown ID makes the exit code non-zero', async () => {
  const id = await capture('/fail', 'x')
  const refused = await runCli([String(id), '--to', `http://127.0.0.1:${await closedPort()}`, '--data-dir', dir.dir])
  assert.equal(refused.code, 1)
  assert.match(refused.stderr, new RegExp(`#${id} → no answer: connection refused \\(ECONNREFUSED\\)`))

  const t = await startTarget((_req, res) => {
    res.writeHead(500)
    res.end('boom')
  })
  targets.push(t)
  const ok = await capture('/ok', 'y')
  const mixed = await runCli([String(ok), '999999', '--to', t.url, '--data-dir', dir.dir])
  assert.equal(mixed.code, 1)
  assert.match(mixed.stderr, new RegExp(`#${ok} → 500 in`))
  assert.match(mixed.stderr, /#999999 → error: delivery 999999 not found/)

  const loop = await runCli([String(ok), '--to', h.core.receiver.url, '--data-dir', dir.dir])
  assert.equal(loop.code, 1)
  assert.match(loop.stderr, /would loop/)
})

test('no running instance: a clear message, exit 1; bad arguments: usage, exit 2', async () => {
  const empty = tempDir()
  try {
    const none = await runCli(['1', '--to', 'http://127.0.0.1:9', '--data-dir', empty.dir])
    assert.equal(none.code, 1)
    assert.match(none.stderr, /no running Hooktray found/)
    assert.ok(none.stderr.includes(empty.dir))

    // A runtime file left behind by a process that is gone.
    const port = await closedPort()
    writeFileSync(join(empty.dir, RUNTIME_FILE), JSON.stringify({ pid: 1, apiUrl: `http://127.0.0.1:${port}`, token: 't', receiverUrl: '' }))
    const stale = await runCli(['1', '--to', 'http://127.0.0.1:9', '--data-dir', empty.dir])
    assert.equal(stale.code, 1)
    assert.match(stale.stderr, /not answering/)
  } finally {
    empty.cleanup()
  }
  const usage = await runCli(['--to', 'http://127.0.0.1:9'])
  assert.equal(usage.code, 2)
  assert.match(usage.stderr, /at least one delivery ID/)
  assert.match(usage.stderr, /hooktray replay ID\.\.\. --to URL/)
})

test('argument parsing and what counts as a failure', () => {
  assert.deepEqual(parseReplayArgs(['3', '7', '--to', 'http://x/', '--data-dir', '/d']), {
    ids: [3, 7],
    to: 'http://x/',
    editBody: undefined,
    dataDir: '/d',
  })
  assert.throws(() => parseReplayArgs(['3']), UsageError)
  assert.throws(() => parseReplayArgs(['abc', '--to', 'http://x/']), /positive numbers/)
  assert.throws(() => parseReplayArgs(['0', '--to', 'http://x/']), /positive numbers/)
  assert.throws(() => parseReplayArgs(['1', '--to', 'http://x/', '--nope']), UsageError)
  assert.equal(attemptFailed({ status: 204, error: null }), false)
  assert.equal(attemptFailed({ status: 302, error: null }), false)
  assert.equal(attemptFailed({ status: 404, error: null }), true)
  assert.equal(attemptFailed({ status: null, error: 'timed out after 10 ms' }), true)
  assert.equal(attemptFailed({ status: 200, error: 'connection dropped before the response was complete' }), true)
})
