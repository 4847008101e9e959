import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, before, test, type TestContext } from 'node:test'
import { request, tempDir } from '../../../tests/helpers/http'
import { ChangeRecorder, FAKE_CLOUDFLARED, fakeEnv, isGone, readPids, readState, startTarget } from '../../../tests/fixtures/fake-cloudflared/harness'
import { backoffDelay, createTunnelManager, isRetryableStartFailure, type TunnelManager, type TunnelManagerOptions } from './tunnel-manager'

const QUICK = { mode: 'cloudflared', binPath: FAKE_CLOUDFLARED } as const
const URL_SHAPE = /^https:\/\/[a-z0-9-]+\.trycloudflare\.com$/
let tmp: ReturnType<typeof tempDir>
let target: Awaited<ReturnType<typeof startTarget>>

before(async () => {
  tmp = tempDir('hooktray-tunnel-')
  target = await startTarget()
})
after(async () => {
  await target.close()
  tmp.cleanup()
})

/** The pid of the child a start just spawned (the spawn happens as soon as the start begins). */
async function spawnedPid(manager: TunnelManager): Promise<number> {
  const deadline = Date.now() + 5_000
  while (manager.pid() === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5))
  const pid = manager.pid()
  assert.ok(pid !== null, 'a child was spawned')
  return pid
}

/** A manager on the target, its recorder, and the fake's switches; all undone when the test ends. */
function setup(t: TestContext, mode = 'normal', extra: Partial<TunnelManagerOptions> = {}) {
  const env = fakeEnv(tmp.dir, mode)
  const manager = createTunnelManager({ localUrl: target.url, startTimeoutMs: 10_000, killGraceMs: 2_000, ...extra })
  const recorder = new ChangeRecorder()
  manager.onChange(recorder.listener)
  t.after(async () => {
    await manager.dispose()
    env.restore()
  })
  return { manager, recorder, env }
}

test('quick tunnel: starting → connected with the printed URL, and requests reach the local service', async (t) => {
  const { manager, recorder, env } = setup(t)
  const status = await manager.start(QUICK)
  assert.equal(status.state, 'connected')
  assert.match(status.publicUrl ?? '', URL_SHAPE)
  assert.deepEqual(recorder.states(), ['starting', 'connected'])
  assert.deepEqual(recorder.changes.map((c) => c.urlChanged), [false, true])
  assert.equal(recorder.changes[1]?.previousUrl, null)

  const fake = readState(env.state)
  assert.equal(fake.url, status.publicUrl)
  assert.equal(fake.pid, manager.pid())
  assert.deepEqual(fake.args.slice(0, 3), ['tunnel', '--url', target.url])

  const before = target.seen.length
  const reply = await request(`http://127.0.0.1:${fake.localPort}/hooks/github?x=1&x=2`, {
    method: 'POST',
    headers: [['Content-Type', 'application/json'], ['X-Hub-Signature-256', 'sha256=abc']],
    body: '{"zen":"hi"}',
  })
  assert.equal(reply.status, 201)
  assert.equal(reply.headers['x-target'], 'yes')
  const seen = target.seen[before]
  assert.ok(seen, 'the request reached the target')
  assert.equal(seen.method, 'POST')
  assert.equal(seen.url, '/hooks/github?x=1&x=2')
  assert.equal(seen.headers['x-hub-signature-256'], 'sha256=abc')
  assert.equal(seen.headers.host, new URL(status.publicUrl!).host)
  assert.equal(seen.body.toString(), '{"zen":"hi"}')
})

test('cloudflared not found: error state that says how to install it, no process', async (t) => {
  const { manager } = setup(t, 'normal', {
    lookup: { env: { PATH: join(tmp.dir, 'no-such-dir') }, packageBin: join(tmp.dir, 'no-pkg', 'cloudflared') },
  })
  const status = await manager.start({ mode: 'cloudflared' })
  assert.equal(status.state, 'error')
  assert.equal(status.mode, 'cloudflared')
  assert.match(status.error ?? '', /^cloudflared not found.*Install it \(https:\/\/developers\.cloudflare\.com\/.*CLOUDFLARED_BIN.*--cloudflared-bin.*in-app installer/)
  assert.equal(manager.pid(), null)
})

test('crash mid-run: restarted with backoff, reconnecting, then a new URL flagged urlChanged', async (t) => {
  const { manager, recorder, env } = setup(t, 'crash-after=300', { backoff: { initialMs: 50, maxMs: 400 } })
  const first = await manager.start(QUICK)
  assert.equal(first.state, 'connected')
  const firstPid = manager.pid()!
  const again = await recorder.until((c) => c.status.state === 'connected' && c.status.publicUrl !== first.publicUrl)
  assert.equal(again.urlChanged, true)
  assert.equal(again.previousUrl, first.publicUrl)
  assert.match(again.status.publicUrl ?? '', URL_SHAPE)
  const states = recorder.states()
  const i = states.indexOf('reconnecting')
  assert.ok(i > states.indexOf('connected') && i < states.lastIndexOf('connected'), states.join(' → '))
  const reconnecting = recorder.changes[i]!.status
  assert.match(reconnecting.error ?? '', /exited with code 2: panic: runtime error/)
  assert.equal(reconnecting.publicUrl, null)
  assert.ok(isGone(firstPid))
  assert.ok(readPids(env.pids).length >= 2)
})

test('no URL within the start timeout: error with the reason, and the child is killed', async (t) => {
  const { manager, env } = setup(t, 'never-url', { startTimeoutMs: 2_000 })
  const starting = manager.start(QUICK)
  const pid = await spawnedPid(manager)
  const status = await starting
  assert.equal(status.state, 'error')
  assert.match(status.error ?? '', /did not report a public URL within 2 s/)
  assert.ok(isGone(pid), 'the child is gone')
  assert.ok(readPids(env.pids).every(isGone))
  assert.equal(manager.pid(), null)
})

test('no network at the first start: error with cloudflared\'s words, retried with backoff until it connects', async (t) => {
  const { manager, recorder, env } = setup(t, 'offline-first=2', { backoff: { initialMs: 100, maxMs: 400 } })
  const before = Date.now()
  const first = await manager.start(QUICK)
  assert.equal(first.state, 'error')
  assert.match(first.error ?? '', /exited with code 1: failed to request quick Tunnel: Post "https:\/\/api\.trycloudflare\.com\/tunnel": dial tcp: lookup/)
  assert.ok(first.retryAt !== undefined && first.retryAt >= before + 100 && first.retryAt <= Date.now() + 100, `retryAt ${first.retryAt}`)
  const connected = await recorder.until((c) => c.status.state === 'connected')
  assert.match(connected.status.publicUrl ?? '', URL_SHAPE)
  assert.equal(connected.urlChanged, true)
  assert.equal('retryAt' in connected.status, false, 'no retry time once connected')
  // The state stayed `error` between tries (one failure notice, not a flapping badge); the
  // second failure waited longer than the first.
  const states = recorder.states()
  assert.deepEqual(states.slice(0, states.indexOf('connected') + 1).filter((s, i, all) => s !== all[i - 1]), ['starting', 'error', 'connected'])
  const retries = recorder.changes.filter((c) => c.status.retryAt !== undefined).map((c) => c.status.retryAt! - c.at)
  assert.equal(retries.length, 2)
  assert.ok(retries[1]! > retries[0]!, `backoff grows: ${retries.join(', ')} ms`)
  assert.equal(readPids(env.pids).length, 3)
  assert.equal(readPids(env.pids).slice(0, 2).every(isGone), true)
})

test('a start failure time cannot fix is not retried; stop() ends a pending retry', async (t) => {
  const { manager, env } = setup(t, 'offline-first=5', { backoff: { initialMs: 200, maxMs: 200 } })
  const failed = await manager.start(QUICK)
  assert.equal(failed.state, 'error')
  assert.ok(failed.retryAt !== undefined)
  const stopped = await manager.stop()
  assert.deepEqual(stopped, { mode: 'cloudflared', state: 'stopped', publicUrl: null, error: null })
  await new Promise((r) => setTimeout(r, 500))
  assert.equal(readPids(env.pids).length, 1, 'no retry after stop')
  assert.equal(manager.status().state, 'stopped')
  assert.equal(isRetryableStartFailure('cloudflared exited with code 255: Provided Tunnel token is not valid.'), false)
  assert.equal(isRetryableStartFailure('cloudflared did not register a tunnel connection within 30 s: Register tunnel error from server side error="Unauthorized: Invalid tunnel secret"'), false)
  assert.equal(isRetryableStartFailure('cloudflared could not be started: spawn EACCES'), false)
  assert.equal(isRetryableStartFailure('cloudflared did not report a public URL within 30 s'), true)
})

test('noisy output cut into small pieces: the URL from the banner is picked, not api.trycloudflare.com', async (t) => {
  const { manager, env } = setup(t, 'noisy')
  const status = await manager.start(QUICK)
  assert.equal(status.state, 'connected')
  assert.equal(status.publicUrl, readState(env.state).url)
  assert.notEqual(status.publicUrl, 'https://api.trycloudflare.com')
})

test('stop() and dispose() leave no child; SIGKILL follows a SIGTERM that is ignored', async (t) => {
  const { manager } = setup(t)
  await manager.start(QUICK)
  const pid = manager.pid()!
  assert.equal(isGone(pid), false)
  const stopped = await manager.stop()
  assert.deepEqual(stopped, { mode: 'cloudflared', state: 'stopped', publicUrl: null, error: null })
  assert.ok(isGone(pid))

  await manager.start(QUICK)
  const pid2 = manager.pid()!
  await manager.dispose()
  assert.ok(isGone(pid2))
  await assert.rejects(manager.start(QUICK), /disposed/)

  const stubborn = setup(t, 'stubborn', { killGraceMs: 300 })
  await stubborn.manager.start(QUICK)
  const pid3 = stubborn.manager.pid()!
  await stubborn.manager.stop()
  assert.ok(isGone(pid3), 'killed with SIGKILL after the grace')
})

test('stop() during a start that is still waiting ends it at once and kills the child', async (t) => {
  const { manager } = setup(t, 'never-url', { startTimeoutMs: 30_000 })
  const starting = manager.start(QUICK)
  const pid = await spawnedPid(manager)
  const stopped = await manager.stop()
  assert.equal(stopped.state, 'stopped')
  assert.equal((await starting).state, 'stopped')
  assert.ok(isGone(pid))
})

test('a second start never leaves two tunnels, even when both are called at once', async (t) => {
  const { manager, recorder, env } = setup(t)
  const first = await manager.start(QUICK)
  const firstPid = manager.pid()!
  const second = await manager.start(QUICK)
  assert.ok(isGone(firstPid))
  assert.notEqual(second.publicUrl, first.publicUrl)
  assert.deepEqual(recorder.changes.at(-1)?.previousUrl, first.publicUrl)

  const [a, b] = await Promise.all([manager.start(QUICK), manager.start(QUICK)])
  assert.equal(b.state, 'connected')
  assert.deepEqual(a, b, 'the superseded start reports the outcome of the one that won')
  const alive = readPids(env.pids).filter((pid) => !isGone(pid))
  assert.deepEqual(alive, [manager.pid()])
  assert.equal(readState(env.state).url, b.publicUrl)
})

test('restart() starts the last configuration again with a new quick URL', async (t) => {
  const { manager } = setup(t)
  const first = await manager.start(QUICK)
  const pid = manager.pid()!
  const again = await manager.restart()
  assert.equal(again.state, 'connected')
  assert.notEqual(again.publicUrl, first.publicUrl)
  assert.ok(isGone(pid))
})

test('edge connections dropping and coming back: reconnecting, then connected at the same URL', async (t) => {
  const { manager, recorder } = setup(t, 'flap-after=100')
  const first = await manager.start(QUICK)
  const pid = manager.pid()
  const back = await recorder.until((c) => c.status.state === 'connected' && recorder.states().includes('reconnecting'))
  assert.equal(back.status.publicUrl, first.publicUrl)
  assert.equal(back.urlChanged, false)
  assert.equal(manager.pid(), pid, 'the same process: cloudflared reconnected on its own')
  const down = recorder.changes.find((c) => c.status.state === 'reconnecting')!
  assert.equal(down.status.publicUrl, null)
  assert.match(down.status.error ?? '', /lost its connection/)
})

test('restart backoff doubles from the initial delay and stops growing at the cap', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 100].map((n) => backoffDelay(n, 1_000, 30_000)), [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000])
})
