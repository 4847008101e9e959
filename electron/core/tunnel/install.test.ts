import assert from 'node:assert/strict'
import { chmodSync, copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { tempDir } from '../../../tests/helpers/http'
import { FAKE_CLOUDFLARED } from '../../../tests/fixtures/fake-cloudflared/harness'
import { findCloudflared } from './find-binary'
import { CloudflaredInstallError, installCloudflared, installedBinPath, type InstallProgress } from './install'

// GitHub cannot be reached from the tests, so the download itself is replaced; everything around
// it (timeout, progress, verification, atomic rename, error wording) is the real code.
const tmp = tempDir('hooktray-install-')
after(() => tmp.cleanup())
let n = 0
const dest = () => installedBinPath(join(tmp.dir, `data-${++n}`))

test('a download that never finishes fails with a clear message after the timeout, leaving nothing', async () => {
  const to = dest()
  const progress: InstallProgress[] = []
  const never = (partial: string) => {
    writeFileSync(partial, Buffer.alloc(1024))
    return new Promise<string>(() => {})
  }
  await assert.rejects(
    installCloudflared({ to, installer: never, timeoutMs: 300, pollMs: 20, onProgress: (p) => progress.push(p) }),
    (err: unknown) => err instanceof CloudflaredInstallError && /timed out after 300 ms.*https:\/\/developers\.cloudflare\.com/.test(err.message),
  )
  assert.deepEqual(progress[0], { phase: 'downloading', fraction: null, bytes: 0 })
  assert.ok(progress.some((p) => p.bytes === 1024), 'bytes written so far are reported, fraction indeterminate')
  assert.deepEqual(readdirSync(join(to, '..')), [], 'no partial file left behind')
})

test('no network (the error the package gives here): the message says so and how to install by hand', async () => {
  const offline = () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND github.com'), { code: 'ENOTFOUND' }))
  await assert.rejects(installCloudflared({ to: dest(), installer: offline }), (err: unknown) => {
    return err instanceof CloudflaredInstallError &&
      /^Could not download cloudflared from GitHub \(getaddrinfo ENOTFOUND github\.com\)\. Check the internet connection/.test(err.message)
  })
})

test('a downloaded file that does not run is refused and removed', async () => {
  const to = dest()
  const garbage = async (partial: string) => {
    writeFileSync(partial, '<html>rate limited</html>')
    chmodSync(partial, 0o755)
    return partial
  }
  await assert.rejects(installCloudflared({ to, installer: garbage }), /The downloaded cloudflared does not run/)
  assert.equal(existsSync(to), false)
  assert.equal(existsSync(`${to}.download`), false)
})

test('a working download is verified, moved into place, and then found by the lookup', async () => {
  const to = dest()
  const progress: InstallProgress[] = []
  const copy = async (partial: string) => {
    copyFileSync(FAKE_CLOUDFLARED, partial)
    chmodSync(partial, 0o755)
    return partial
  }
  assert.equal(await installCloudflared({ to, installer: copy, onProgress: (p) => progress.push(p) }), to)
  assert.deepEqual(progress.map((p) => p.phase).filter((p, i, all) => all.indexOf(p) === i), ['downloading', 'verifying', 'done'])
  assert.deepEqual(progress.at(-1)?.fraction, 1)
  const found = findCloudflared({ installedBin: to, env: { PATH: '' }, packageBin: null })
  assert.deepEqual(found, { ok: true, path: to, source: 'installed' })
})
