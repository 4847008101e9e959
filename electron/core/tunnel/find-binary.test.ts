import assert from 'node:assert/strict'
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { tempDir } from '../../../tests/helpers/http'
import { cloudflaredCandidates, findCloudflared } from './find-binary'

const tmp = tempDir('hooktray-findbin-')
after(() => tmp.cleanup())

function binary(dir: string, { mode = 0o755, content = '#!/bin/sh\necho cloudflared version 1\n' } = {}): string {
  mkdirSync(join(tmp.dir, dir), { recursive: true })
  const path = join(tmp.dir, dir, 'cloudflared')
  writeFileSync(path, content)
  chmodSync(path, mode)
  return path
}

const setting = binary('setting')
const fromEnv = binary('env')
const packaged = binary('package')
const installed = binary('installed')
const onPath = binary('on-path')
const emptyDir = join(tmp.dir, 'empty')
mkdirSync(emptyDir)

test('lookup order: setting, CLOUDFLARED_BIN, package bin, installer, PATH', () => {
  const env = { CLOUDFLARED_BIN: fromEnv, PATH: `${emptyDir}:${join(tmp.dir, 'on-path')}` }
  const base = { env, packageBin: packaged, installedBin: installed, platform: 'linux' as const }
  assert.deepEqual(findCloudflared({ ...base, binPath: setting }), { ok: true, path: setting, source: 'setting' })
  assert.deepEqual(findCloudflared(base), { ok: true, path: fromEnv, source: 'env' })
  assert.deepEqual(findCloudflared({ ...base, env: { PATH: env.PATH } }), { ok: true, path: packaged, source: 'package' })
  assert.deepEqual(findCloudflared({ ...base, env: { PATH: env.PATH }, packageBin: null }), {
    ok: true,
    path: installed,
    source: 'installed',
  })
  assert.deepEqual(findCloudflared({ env: { PATH: env.PATH }, packageBin: null, platform: 'linux' }), {
    ok: true,
    path: onPath,
    source: 'path',
  })
})

test('an empty file (the package bin here, or an interrupted download) and a non-executable file are skipped', () => {
  const empty = binary('zero', { content: '' })
  const notExec = binary('noexec', { mode: 0o644 })
  const found = findCloudflared({ binPath: notExec, env: { CLOUDFLARED_BIN: empty, PATH: join(tmp.dir, 'on-path') }, packageBin: empty })
  assert.deepEqual(found, { ok: true, path: onPath, source: 'path' })
})

test('nothing found: the message says how to install it and names the configured paths that failed', () => {
  const missing = join(tmp.dir, 'nope', 'cloudflared')
  const found = findCloudflared({ binPath: missing, env: { PATH: emptyDir }, packageBin: join(tmp.dir, 'pkg', 'cloudflared') })
  assert.equal(found.ok, false)
  if (found.ok) return
  assert.match(found.message, /^cloudflared not found/)
  assert.match(found.message, /https:\/\/developers\.cloudflare\.com\/cloudflare-one\/connections\/connect-networks\/downloads\//)
  assert.match(found.message, /set CLOUDFLARED_BIN/)
  assert.match(found.message, /--cloudflared-bin/)
  assert.match(found.message, /in-app installer/)
  assert.ok(found.message.includes(`${missing} from the settings`))
  assert.deepEqual(
    found.tried.map((c) => c.source),
    ['setting', 'package', 'path'],
  )
})

test('Windows: PATH is split on ";" and only cloudflared.exe is tried (a .cmd shim cannot be spawned)', () => {
  const list = cloudflaredCandidates({ env: { Path: 'C:\\a;C:\\b', PATHEXT: '.EXE;.CMD' }, packageBin: null, platform: 'win32' })
  assert.deepEqual(
    list.map((c) => c.path.split(/[\\/]/).pop()),
    ['cloudflared.exe', 'cloudflared.exe'],
  )
  assert.ok(list.every((c) => c.source === 'path'))
})

test('the npm package\'s JavaScript CLI on PATH (node_modules/.bin, as under npx) is not taken for the binary', () => {
  const t = tempDir()
  try {
    const lib = join(t.dir, 'node_modules', 'cloudflared', 'lib')
    const bin = join(t.dir, 'node_modules', '.bin')
    mkdirSync(lib, { recursive: true })
    mkdirSync(bin, { recursive: true })
    writeFileSync(join(lib, 'cloudflared.js'), '#!/usr/bin/env node\nprocess.exit(0)\n')
    chmodSync(join(lib, 'cloudflared.js'), 0o755)
    symlinkSync('../cloudflared/lib/cloudflared.js', join(bin, 'cloudflared'))
    const real = join(t.dir, 'usr-bin')
    mkdirSync(real)
    writeFileSync(join(real, 'cloudflared'), '#!/bin/sh\n')
    chmodSync(join(real, 'cloudflared'), 0o755)
    const env = { PATH: `${bin}:${real}` }
    assert.deepEqual(findCloudflared({ env, packageBin: null }), { ok: true, path: join(real, 'cloudflared'), source: 'path' })
    const onlyWrapper = findCloudflared({ env: { PATH: bin }, packageBin: null })
    assert.equal(onlyWrapper.ok, false)
  } finally {
    t.cleanup()
  }
})
