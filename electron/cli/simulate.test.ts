// `hooktray simulate` as a user runs it, next to a running `hooktray serve` (in-process here):
// it finds the receiver through the runtime file, and after registration its deliveries arrive
// verified, with a tampered one flagged failed.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { test } from 'node:test'
import type { HooktrayEvent } from '../../shared/contract'
import type { DeliverySummary } from '../../shared/types'
import { tempDir } from '../../tests/helpers/http'
import { parseServeArgs, UsageError } from './args'
import { startHeadless } from './serve'
import { parseSimulateArgs } from './simulate'

test('arguments: one known provider, sane numbers', () => {
  assert.deepEqual(parseSimulateArgs(['mycirrus']), { provider: 'mycirrus', port: 0, deliverEvery: 10, deliverTo: undefined, tamper: false, dataDir: undefined, json: false })
  assert.equal(parseSimulateArgs(['droplit', '--deliver-every', '0.5', '--tamper']).deliverEvery, 0.5)
  for (const bad of [[], ['stripe'], ['mycirrus', 'droplit'], ['mycirrus', '--port', 'x'], ['mycirrus', '--deliver-every', '0'], ['mycirrus', '--deliver-to', 'localhost'], ['mycirrus', '--nope']]) {
    assert.throws(() => parseSimulateArgs(bad), UsageError, bad.join(' '))
  }
})

test('simulate mycirrus: register with what it prints, get verified deliveries and a tampered one flagged', async () => {
  const dir = tempDir()
  const h = await startHeadless({ ...parseServeArgs(['--port', '0', '--ui-port', '0', '--public-url', 'https://demo.example.test']), dataDir: dir.dir }, { token: 't' })
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'index.ts'), 'simulate', 'mycirrus', '--json', '--tamper', '--deliver-every', '0.3', '--data-dir', dir.dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<number | null>((r) => child.once('exit', r))
  try {
    await h.core.ready
    const stored: DeliverySummary[] = []
    const seen = new Promise<void>((resolve) => {
      h.core.events.subscribe((e: HooktrayEvent) => {
        if (e.type !== 'delivery') return
        stored.push(e.delivery)
        if (stored.some((d) => d.verification === 'verified') && stored.some((d) => d.verification === 'failed')) resolve()
      })
    })
    const info = await new Promise<{ url: string; credentials: Record<string, string>; connectionOptions: Record<string, unknown>; registrationOptions: Record<string, unknown>; deliverTo: string }>((resolve, reject) => {
      let out = ''
      let err = ''
      child.stderr.on('data', (d) => (err += d))
      child.stdout.on('data', (d) => {
        out += d
        if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!))
      })
      child.once('exit', (code) => reject(new Error(`simulate exited ${code}: ${err}`)))
    })
    assert.equal(info.deliverTo, h.core.receiver.url, 'found the running instance through its runtime file')
    const conn = await h.core.api.createConnection({ provider: 'mycirrus', name: 'Demo', baseUrl: info.url, credentials: info.credentials, options: info.connectionOptions })
    const reg = await h.core.api.createRegistration({ connectionId: conn.id, options: info.registrationOptions })
    assert.equal(reg.state, 'registered', reg.error ?? '')
    await seen
    assert.ok(stored.every((d) => d.registrationId === reg.id && d.path === reg.receiverPath))
    const failed = stored.find((d) => d.verification === 'failed')!
    assert.equal(failed.responseStatus, 401)
    assert.match(failed.verificationReason ?? '', /X-Webhook-Signature does not match/)
  } finally {
    child.kill('SIGTERM')
    assert.equal(await exited, 0)
    await h.close()
    dir.cleanup()
  }
})
