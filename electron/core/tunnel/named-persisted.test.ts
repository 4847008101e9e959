// A named tunnel is the user's stable URL: after a restart it must come back by itself, with its
// token read from the sealed store, and the token must never sit in the database in clear.
import assert from 'node:assert/strict'
import { readFileSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { tempDir } from '../../../tests/helpers/http'
import { FAKE_CLOUDFLARED, fakeEnv, readPids, readState } from '../../../tests/fixtures/fake-cloudflared/harness'
import { createCore } from '../core'
import { KEY_FILE } from '../secrets'

const TOKEN = Buffer.from(JSON.stringify({ a: 'acc9876', t: '7c1e2d3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5', s: 'cGVyc2lzdGVkLXNlY3JldA==' })).toString('base64')
const NAMED = { mode: 'named', token: TOKEN, hostname: 'stable.example.com', binPath: FAKE_CLOUDFLARED } as const

function databaseBytes(dir: string): string {
  return readdirSync(dir)
    .filter((f) => f.startsWith('hooktray.db'))
    .map((f) => readFileSync(join(dir, f)).toString('latin1'))
    .join('')
}

test('a named tunnel starts again after a restart with its sealed token; a token that cannot be opened leaves it local', async () => {
  const data = tempDir('hooktray-named-persist-')
  const env = fakeEnv(data.dir)
  try {
    const first = await createCore({ dataDir: data.dir, port: 0, tunnel: NAMED, tunnelStartTimeoutMs: 10_000 })
    await first.ready
    assert.deepEqual(first.status().tunnel, { mode: 'named', state: 'connected', publicUrl: 'https://stable.example.com', error: null })
    await first.close()
    assert.equal(databaseBytes(data.dir).includes(TOKEN), false, 'the token is not stored in clear')
    rmSync(env.state, { force: true })

    // No tunnel flag: the stored configuration, token included, comes back.
    const second = await createCore({ dataDir: data.dir, port: 0, tunnelStartTimeoutMs: 10_000 })
    await second.ready
    for (let i = 0; i < 200 && second.status().tunnel.state !== 'connected'; i++) await new Promise((r) => setTimeout(r, 25))
    assert.deepEqual(second.status().tunnel, { mode: 'named', state: 'connected', publicUrl: 'https://stable.example.com', error: null })
    assert.equal(readState(env.state).tokenFrom, 'env', 'cloudflared got the token, through TUNNEL_TOKEN')
    assert.equal(JSON.stringify(await second.api.getTunnel({})).includes(TOKEN), false)
    await second.close()

    // Another key (a new key file, another machine's keychain): the token cannot be opened; stay local.
    rmSync(join(data.dir, KEY_FILE))
    rmSync(env.state, { force: true })
    const errors: string[] = []
    const original = console.error
    console.error = (...args: unknown[]) => void errors.push(args.join(' '))
    try {
      const third = await createCore({ dataDir: data.dir, port: 0, tunnelStartTimeoutMs: 10_000 })
      await third.ready
      await new Promise((r) => setTimeout(r, 100))
      // Local only, and the tunnel says why: an error naming the hostname, asking for the token.
      assert.deepEqual(third.status().tunnel, {
        mode: 'named',
        state: 'error',
        publicUrl: null,
        error: 'The named tunnel for stable.example.com needs its token again (the stored one could not be opened): enter it under Named tunnel. Until then Hooktray is local only.',
      })
      const info = await third.api.getTunnel({})
      assert.deepEqual(info.config, { mode: 'named', binPath: FAKE_CLOUDFLARED, hostname: 'stable.example.com', url: null, tokenSet: false })
      assert.equal(readPids(env.pids).length, 2, 'no cloudflared was started without a token')
      // Stop: the user chose local; the error goes.
      const stopped = await third.api.stopTunnel({})
      assert.equal(stopped.status.state, 'stopped')
      assert.equal(stopped.config.mode, 'none')
      await third.close()
    } finally {
      console.error = original
    }
    assert.ok(errors.some((e) => /named tunnel for stable\.example\.com needs its token again \(the stored one could not be opened\)/.test(e)), errors.join('\n'))
    assert.equal(errors.join('\n').includes(TOKEN), false, 'the token is in no log line')
  } finally {
    env.restore()
    data.cleanup()
  }
})
