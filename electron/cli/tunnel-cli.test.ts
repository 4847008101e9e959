// `hooktray serve --tunnel cloudflared` end to end with the fake cloudflared: the public side
// really proxies to the receiver, status and events tell the truth, and no child outlives serve.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { test } from 'node:test'
import { FAKE_CLOUDFLARED, isGone, readPids, readState } from '../../tests/fixtures/fake-cloudflared/harness'
import { json, request, tempDir } from '../../tests/helpers/http'

const auth = { Authorization: 'Bearer tok' }

function serve(dataDir: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'index.ts'), 'serve', '--port', '0', '--ui-port', '0', '--data-dir', dataDir, '--json', ...args], {
    env: { ...process.env, HOOKTRAY_TOKEN: 'tok', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d))
  const started = new Promise<{ receiverUrl: string; apiUrl: string }>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!))
    })
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)))
  })
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  return { child, started, exited }
}

interface Status {
  receiver: { url: string }
  tunnel: { mode: string; state: string; publicUrl: string | null; error: string | null }
}

async function waitForTunnel(apiUrl: string, state: string): Promise<Status> {
  let last: Status | null = null
  for (let i = 0; i < 200; i++) {
    last = json<Status>(await request(`${apiUrl}/api/status`, { headers: auth }))
    if (last.tunnel.state === state) return last
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`tunnel never reached ${state}: ${JSON.stringify(last?.tunnel)}`)
}

test('--tunnel cloudflared: public URL in status, the public side lands in the store, SIGTERM ends the child', async () => {
  const t = tempDir()
  const env = { CLOUDFLARED_BIN: FAKE_CLOUDFLARED, FAKE_CLOUDFLARED_STATE: join(t.dir, 'fake.json'), FAKE_CLOUDFLARED_PIDS: join(t.dir, 'pids') }
  const s = serve(join(t.dir, 'data'), ['--tunnel', 'cloudflared'], env)
  try {
    const { apiUrl } = await s.started
    const status = await waitForTunnel(apiUrl, 'connected')
    assert.equal(status.tunnel.mode, 'cloudflared')
    assert.match(status.tunnel.publicUrl!, /^https:\/\/[a-z0-9-]+\.trycloudflare\.com$/)
    const fake = readState(env.FAKE_CLOUDFLARED_STATE)
    assert.equal(fake.url, status.tunnel.publicUrl)
    // The tunnel forwards to the receiver, never to the inspector.
    assert.ok(fake.args.includes(status.receiver.url), `cloudflared --url ${fake.args.join(' ')}`)
    const sent = await request(`http://127.0.0.1:${fake.localPort}/via/tunnel?x=1`, { method: 'POST', body: '{"through":"tunnel"}' })
    assert.equal(sent.status, 200)
    const page = json<{ items: { id: number; path: string; query: string }[] }>(await request(`${apiUrl}/api/deliveries?limit=1`, { headers: auth }))
    assert.equal(page.items[0]?.path, '/via/tunnel')
    assert.equal(page.items[0]?.query, 'x=1')
  } finally {
    s.child.kill('SIGTERM')
    assert.equal(await s.exited, 0)
  }
  const pids = readPids(env.FAKE_CLOUDFLARED_PIDS)
  assert.equal(pids.length, 1)
  for (let i = 0; i < 50 && !isGone(pids[0]!); i++) await new Promise((r) => setTimeout(r, 50))
  assert.ok(isGone(pids[0]!), `cloudflared ${pids[0]} outlived hooktray serve`)
  t.cleanup()
})

test('cloudflared missing: error state with install instructions, capture keeps working', async () => {
  const t = tempDir()
  const s = serve(join(t.dir, 'data'), ['--tunnel', 'cloudflared', '--cloudflared-bin', join(t.dir, 'nope', 'cloudflared')], { CLOUDFLARED_BIN: join(t.dir, 'also-missing'), PATH: '/nonexistent' })
  try {
    const { apiUrl, receiverUrl } = await s.started
    const status = await waitForTunnel(apiUrl, 'error')
    assert.equal(status.tunnel.publicUrl, null)
    assert.match(status.tunnel.error!, /cloudflared/i)
    assert.match(status.tunnel.error!, /install|CLOUDFLARED_BIN/i)
    assert.equal((await request(`${receiverUrl}/still/local`, { method: 'POST', body: 'x' })).status, 200)
  } finally {
    s.child.kill('SIGTERM')
    await s.exited
    t.cleanup()
  }
})

test('bad flags are refused with a clear message before anything starts', async () => {
  const t = tempDir()
  for (const [args, message] of [
    [['--public-url', 'ftp://example.com'], /http:\/\/ or https:\/\//],
    [['--public-url', 'https://user:pw@example.com'], /user name or password/],
    [['--tunnel', 'ngrok'], /--tunnel must be cloudflared or none/],
    [['--tunnel-token', 'abc'], /--tunnel-hostname/],
  ] as const) {
    const s = serve(join(t.dir, 'data'), [...args], {})
    await assert.rejects(s.started, message)
    assert.equal(await s.exited, 2)
  }
  t.cleanup()
})

test('--public-url (manual mode) is the public URL at once', async () => {
  const t = tempDir()
  const s = serve(join(t.dir, 'data'), ['--public-url', 'https://hooks.example.com/base/'], {})
  try {
    const { apiUrl } = await s.started
    const status = await waitForTunnel(apiUrl, 'connected')
    assert.deepEqual(status.tunnel, { mode: 'manual', state: 'connected', publicUrl: 'https://hooks.example.com/base', error: null })
  } finally {
    s.child.kill('SIGTERM')
    await s.exited
    t.cleanup()
  }
})
