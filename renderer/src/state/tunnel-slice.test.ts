// The tunnel slice against the real core and the fake cloudflared (a real child process that
// prints cloudflared's log lines), joined the way the Electron shell joins them.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { join } from 'node:path'
import type { HooktrayEvent } from '../../../shared/contract'
import { createCore, type Core } from '../../../electron/core/core'
import { FAKE_CLOUDFLARED, fakeEnv, readState } from '../../../tests/fixtures/fake-cloudflared/harness'
import { tempDir } from '../../../tests/helpers/http'
import { createAppStore, type AppStore } from './store'
import { isMissingBinary } from './tunnel-slice'
import { coreClient } from './core-client.test-helper'

let core: Core
let store: AppStore
let cleanup: () => void
let dir: string
let fake: ReturnType<typeof fakeEnv>
const pending: HooktrayEvent[] = []

before(async () => {
  const tmp = tempDir('hooktray-renderer-tunnel-')
  cleanup = tmp.cleanup
  dir = tmp.dir
  fake = fakeEnv(dir)
  core = await createCore({ dataDir: join(dir, 'data') })
  const client = coreClient(core)
  client.onEvent((e) => pending.push(e))
  store = createAppStore(client)
  await store.getState().init()
})

after(async () => {
  await core.close()
  fake.restore()
  cleanup()
})

/** What live.ts does once per frame. */
function flush(events = pending.splice(0)): void {
  store.getState().applyEvents(events)
  store.getState().applyTunnelEvents(events)
}

test('a manual URL that is not http(s) is refused with the core’s own words, nothing changes', async () => {
  await store.getState().loadTunnel()
  assert.equal(store.getState().tunnelConfig?.mode, 'none')
  const ok = await store.getState().applyTunnel({ mode: 'manual', url: 'ftp://x' })
  assert.equal(ok, false)
  assert.equal(store.getState().tunnelError, 'The public URL must start with http:// or https:// (got ftp://)')
  assert.equal(store.getState().tunnelBusy, null)
  assert.equal(store.getState().status?.tunnel.mode, 'none')
})

test('a quick tunnel: the answer and then the events keep status.tunnel current', async () => {
  const ok = await store.getState().applyTunnel({ mode: 'cloudflared', binPath: FAKE_CLOUDFLARED })
  assert.equal(ok, true)
  const first = readState(fake.state).url
  assert.match(first ?? '', /^https:\/\/[a-z0-9-]+\.trycloudflare\.com$/)
  let s = store.getState()
  assert.equal(s.tunnelError, null)
  assert.deepEqual(s.tunnelConfig, { mode: 'cloudflared', binPath: FAKE_CLOUDFLARED, hostname: null, url: null, tokenSet: false })
  assert.equal(s.status?.tunnel.state, 'connected')
  assert.equal(s.status?.tunnel.publicUrl, first)

  // Restart comes back with a new URL; only the pushed events tell this store (no answer applied).
  pending.splice(0)
  await core.api.restartTunnel({})
  const second = readState(fake.state).url
  assert.notEqual(second, first)
  assert.ok(pending.some((e) => e.type === 'tunnel-url-changed' && e.publicUrl === second))
  flush()
  s = store.getState()
  assert.equal(s.status?.tunnel.state, 'connected')
  assert.equal(s.status?.tunnel.publicUrl, second)
})

test('a status snapshot after a tunnel event in the same batch wins; a tunnel event after it wins', () => {
  const base = store.getState().status!
  const older = { ...base.tunnel, state: 'reconnecting' as const }
  const newer = { ...base.tunnel, state: 'connected' as const, publicUrl: 'https://newer.trycloudflare.com' }
  flush([{ type: 'tunnel', tunnel: older }, { type: 'status', status: { ...base, tunnel: newer } }])
  assert.deepEqual(store.getState().status?.tunnel, newer)
  flush([{ type: 'status', status: { ...base, tunnel: newer } }, { type: 'tunnel', tunnel: older }])
  assert.deepEqual(store.getState().status?.tunnel, older)
  flush([{ type: 'tunnel', tunnel: base.tunnel }])
})

test('a missing binary is an error the installer can fix; stop and start act on the configuration', async () => {
  const saved = process.env.CLOUDFLARED_BIN
  delete process.env.CLOUDFLARED_BIN
  try {
    const missing = join(dir, 'nowhere', 'cloudflared')
    assert.equal(await store.getState().applyTunnel({ mode: 'cloudflared', binPath: missing }), true)
    const tunnel = store.getState().status?.tunnel
    assert.equal(tunnel?.state, 'error')
    assert.ok(tunnel?.error?.includes(missing), tunnel?.error ?? '')
    assert.equal(isMissingBinary(tunnel), true)

    await store.getState().tunnelControl('stop')
    assert.equal(store.getState().status?.tunnel.state, 'stopped')
    assert.equal(isMissingBinary(store.getState().status?.tunnel), false)
    await store.getState().tunnelControl('start')
    assert.equal(isMissingBinary(store.getState().status?.tunnel), true)
  } finally {
    if (saved !== undefined) process.env.CLOUDFLARED_BIN = saved
  }
})

test('install events: the last of a batch is what shows, and a finished install is no longer awaited', () => {
  const running = { state: 'running' as const, phase: 'downloading' as const, fraction: null, bytes: 10, error: null, path: null }
  const failed = { ...running, state: 'failed' as const, error: 'Could not download cloudflared from GitHub (offline).' }
  flush([{ type: 'cloudflared-install', install: running }, { type: 'cloudflared-install', install: failed }])
  assert.deepEqual(store.getState().install, failed)
  assert.equal(store.getState().installRequested, false)
})
