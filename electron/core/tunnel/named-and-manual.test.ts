import assert from 'node:assert/strict'
import { after, before, test, type TestContext } from 'node:test'
import { request, tempDir } from '../../../tests/helpers/http'
import { ChangeRecorder, FAKE_CLOUDFLARED, fakeEnv, isGone, readPids, readState, startTarget } from '../../../tests/fixtures/fake-cloudflared/harness'
import { TunnelConfigError } from './config'
import { createTunnelManager, type TunnelManagerOptions } from './tunnel-manager'

// A token shaped like Cloudflare's (base64 of {"a": account, "t": tunnel id, "s": secret}).
const TOKEN = Buffer.from(JSON.stringify({ a: 'acc0123', t: '2f9e8c1a-5b7d-4e3f-9a21-0c4d5e6f7a8b', s: 'c2VjcmV0LXNlY3JldA==' })).toString('base64')
const NAMED = { mode: 'named', token: TOKEN, hostname: 'hooks.example.com', binPath: FAKE_CLOUDFLARED } as const
let tmp: ReturnType<typeof tempDir>
let target: Awaited<ReturnType<typeof startTarget>>

before(async () => {
  tmp = tempDir('hooktray-named-')
  target = await startTarget()
})
after(async () => {
  await target.close()
  tmp.cleanup()
})

function setup(t: TestContext, mode = 'normal', extra: Partial<TunnelManagerOptions> = {}) {
  const env = fakeEnv(tmp.dir, mode)
  const log: string[] = []
  const manager = createTunnelManager({ localUrl: target.url, startTimeoutMs: 10_000, onLog: (line) => log.push(line), ...extra })
  const recorder = new ChangeRecorder()
  manager.onChange(recorder.listener)
  t.after(async () => {
    await manager.dispose()
    env.restore()
  })
  return { manager, recorder, env, log }
}

const leaks = (value: unknown) => JSON.stringify(value).includes(TOKEN)

test('named tunnel: connected at https://<hostname> once cloudflared registers, and it proxies', async (t) => {
  const { manager, recorder, env, log } = setup(t)
  const status = await manager.start(NAMED)
  assert.deepEqual(status, { mode: 'named', state: 'connected', publicUrl: 'https://hooks.example.com', error: null })
  assert.equal(recorder.changes.at(-1)?.urlChanged, true)
  const fake = readState(env.state)
  // The token reaches cloudflared through TUNNEL_TOKEN, never its arguments (readable in `ps`).
  assert.deepEqual(fake.args, ['tunnel', '--no-autoupdate', '--loglevel', 'info', 'run', '--url', target.url])
  assert.equal(fake.tokenFrom, 'env')
  assert.equal(process.env.TUNNEL_TOKEN, undefined, 'the variable is not left set in Hooktray itself')
  const reply = await request(`http://127.0.0.1:${fake.localPort}/named/path?q=1`, { method: 'PUT', body: 'abc' })
  assert.equal(reply.status, 201)
  assert.equal(target.seen.at(-1)?.url, '/named/path?q=1')
  assert.ok(log.some((line) => line.includes('Registered tunnel connection')))
  assert.equal(leaks(recorder.changes) || leaks(log), false, 'the token appears in no status and no log line')
})

test('named tunnel, token cloudflared refuses: its own error text is the error, without the token', async (t) => {
  const { manager, recorder } = setup(t, 'bad-token')
  const status = await manager.start(NAMED)
  assert.equal(status.state, 'error')
  assert.equal(status.mode, 'named')
  assert.match(status.error ?? '', /exited with code 255: Provided Tunnel token is not valid\.$/)
  assert.equal(leaks(recorder.changes), false)
  assert.equal(manager.pid(), null)
  // Time cannot fix a refused token: no retry is announced and none is made.
  assert.equal(status.retryAt, undefined)
  const seen = recorder.changes.length
  // Past the first backoff (1 s): a retry would have failed again and been announced.
  await new Promise((r) => setTimeout(r, 1_500))
  assert.equal(recorder.changes.length, seen, 'nothing happened after the refusal')
  assert.deepEqual(manager.status(), status)
})

test('named tunnel, token the edge rejects: the start times out with cloudflared\'s last ERR line', async (t) => {
  // Long enough for the fake to print its first ERR line even on a busy machine.
  const { manager, env } = setup(t, 'unauthorized', { startTimeoutMs: 4_000 })
  const status = await manager.start(NAMED)
  assert.equal(status.state, 'error')
  assert.match(status.error ?? '', /did not register a tunnel connection within 4 s: Register tunnel error from server side error="Unauthorized: Invalid tunnel secret"/)
  const pids = readPids(env.pids)
  assert.equal(pids.length, 1)
  assert.ok(isGone(pids[0]!))
})

test('manual mode: connected at the given URL; bad URLs are refused and leave the tunnel as it was', async (t) => {
  const { manager, recorder } = setup(t)
  const status = await manager.start({ mode: 'manual', url: 'https://hooks.example.org/in/' })
  assert.deepEqual(status, { mode: 'manual', state: 'connected', publicUrl: 'https://hooks.example.org/in', error: null })
  const count = recorder.changes.length
  await assert.rejects(manager.start({ mode: 'manual', url: 'ftp://hooks.example.org' }), (err: unknown) => {
    return err instanceof TunnelConfigError && /must start with http:\/\/ or https:\/\//.test(err.message)
  })
  await assert.rejects(manager.start({ mode: 'manual', url: 'https://me:pw@hooks.example.org' }), (err: unknown) => {
    return err instanceof TunnelConfigError && /must not contain a user name or password/.test(err.message)
  })
  assert.equal(recorder.changes.length, count)
  assert.equal(manager.status().publicUrl, 'https://hooks.example.org/in')
})

test('changing mode kills the cloudflared child and announces the new URL', async (t) => {
  const { manager, recorder } = setup(t)
  const quick = await manager.start({ mode: 'cloudflared', binPath: FAKE_CLOUDFLARED })
  const pid = manager.pid()!
  const manual = await manager.start({ mode: 'manual', url: 'https://hooks.example.org' })
  assert.ok(isGone(pid))
  assert.equal(manager.pid(), null)
  assert.equal(manual.publicUrl, 'https://hooks.example.org')
  const last = recorder.changes.at(-1)!
  assert.deepEqual([last.urlChanged, last.previousUrl], [true, quick.publicUrl])

  await manager.start(NAMED)
  const namedPid = manager.pid()!
  const none = await manager.start({ mode: 'none' })
  assert.deepEqual(none, { mode: 'none', state: 'stopped', publicUrl: null, error: null })
  assert.ok(isGone(namedPid))
  assert.equal(recorder.changes.at(-1)?.urlChanged, false)
})
