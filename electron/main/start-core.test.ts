import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { DEFAULT_PORT, receiverPort, startCore, startDesktopApi } from './start-core'
import { replayCommand } from '../cli/replay-command'
import { RUNTIME_FILE } from '../cli/runtime-file'
import { startTarget as startReplayTarget } from '../core/replay/test-helpers'

test('HOOKTRAY_PORT: a valid port (0 included) is used, anything else means 8787', () => {
  assert.equal(receiverPort(undefined), DEFAULT_PORT)
  assert.equal(receiverPort(''), DEFAULT_PORT)
  assert.equal(receiverPort('9000'), 9000)
  assert.equal(receiverPort('0'), 0)
  assert.equal(receiverPort('65535'), 65535)
  assert.equal(receiverPort('65536'), DEFAULT_PORT)
  assert.equal(receiverPort('-1'), DEFAULT_PORT)
  assert.equal(receiverPort('80abc'), DEFAULT_PORT)
  assert.equal(receiverPort('1e3'), DEFAULT_PORT)
})

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : -1)
    })
  })
}

test('a busy port falls back to a free one, and the receiver really answers there', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hooktray-start-core-'))
  const blocker = createServer()
  const busyPort = await listen(blocker, 0)
  try {
    const core = await startCore({ dataDir, port: busyPort })
    try {
      assert.notEqual(core.receiver.port, busyPort)
      assert.ok(core.receiver.port > 0)
      const res = await fetch(`${core.receiver.url}/fallback`, { method: 'POST', body: 'hi' })
      assert.equal(res.status, 200)
      assert.equal(core.status().deliveryCount, 1)
    } finally {
      await core.close()
    }
  } finally {
    blocker.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
})

test('a free wanted port is kept', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hooktray-start-core-'))
  const probe = createServer()
  const port = await listen(probe, 0)
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  try {
    const core = await startCore({ dataDir, port })
    await core.close()
    assert.equal(core.receiver.port, port)
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})

test('the desktop app publishes the automation API: hooktray replay finds it, and quitting removes the runtime file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hooktray-desktop-api-'))
  const core = await startCore({ dataDir: dir, port: 0 })
  const target = await startReplayTarget()
  try {
    assert.equal(await startDesktopApi(core, { HOOKTRAY_API: 'off' }), null)
    assert.equal(existsSync(join(dir, RUNTIME_FILE)), false, 'off: nothing published')

    const api = await startDesktopApi(core, {})
    assert.ok(api)
    const file = join(dir, RUNTIME_FILE)
    assert.equal(statSync(file).mode & 0o777, 0o600)
    const runtime = JSON.parse(readFileSync(file, 'utf8')) as { apiUrl: string; token: string; receiverUrl: string }
    assert.equal(runtime.receiverUrl, core.receiver.url)
    assert.match(runtime.apiUrl, /^http:\/\/127\.0\.0\.1:\d+$/)
    // Without the token: 401. With it: the same contract as `hooktray serve`.
    assert.equal((await fetch(`${runtime.apiUrl}/api/deliveries`)).status, 401)
    const sent = await fetch(`${core.receiver.url}/desktop/hook`, { method: 'POST', body: 'hello' })
    const { id } = (await sent.json()) as { id: number }
    const lines: string[] = []
    const code = await replayCommand({ ids: [id], to: target.url, dataDir: dir, editBody: undefined }, { out: (l) => lines.push(l), err: (l) => lines.push(l) })
    assert.equal(code, 0, lines.join('\n'))
    assert.equal(target.seen.at(-1)?.body.toString(), 'hello')

    // A second instance on the same folder (a serve beside the app) does not take the file over.
    const second = await startDesktopApi(core, {})
    assert.ok(second)
    const warnings: string[] = []
    const original = console.warn
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '))
    try {
      writeFileSync(file, JSON.stringify({ ...runtime, pid: process.ppid }), { mode: 0o600 })
      assert.equal(second.publish(), false)
    } finally {
      console.warn = original
    }
    assert.match(warnings.join('\n'), new RegExp(`another Hooktray \\(pid ${process.ppid}\\)`))
    await second.close()
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).pid, process.ppid, "the other instance's file is left alone")
    writeFileSync(file, JSON.stringify(runtime), { mode: 0o600 })

    await api.close()
    assert.equal(existsSync(file), false, 'removed on quit')
  } finally {
    await target.close()
    await core.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

test('an automation API that cannot start is said, and the app runs on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hooktray-desktop-api-'))
  const core = await startCore({ dataDir: dir, port: 0 })
  const blocker = createServer()
  const port = await listen(blocker, 0)
  const warnings: string[] = []
  const original = console.warn
  console.warn = (...args: unknown[]) => void warnings.push(args.join(' '))
  try {
    assert.equal(await startDesktopApi(core, { HOOKTRAY_API_PORT: String(port) }), null)
    assert.ok(warnings.some((w) => /automation API could not start .*EADDRINUSE/.test(w)), warnings.join('\n'))
    assert.equal(existsSync(join(dir, RUNTIME_FILE)), false)
    assert.equal((await fetch(`${core.receiver.url}/still`, { method: 'POST', body: 'x' })).status, 200)
  } finally {
    console.warn = original
    blocker.close()
    await core.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
