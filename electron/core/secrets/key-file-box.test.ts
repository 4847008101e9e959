import assert from 'node:assert/strict'
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { tempDir } from '../../../tests/helpers/http'
import { createKeyFileBox, KEY_FILE, KeyFileError } from './key-file-box'
import { openWith, sealWith, SecretBoxError, type SecretBox } from './secret-box'

const posix = process.platform !== 'win32'

test('the key file is created with mode 0600 and reused by the next start', { skip: !posix }, () => {
  const t = tempDir()
  try {
    const a = createKeyFileBox(t.dir)
    const file = join(t.dir, KEY_FILE)
    assert.equal(statSync(file).mode & 0o777, 0o600)
    const blob = sealWith(a, 'sim-mycirrus-key')
    assert.equal(blob.includes(Buffer.from('sim-mycirrus-key')), false, 'ciphertext does not contain the plain text')
    const b = createKeyFileBox(t.dir)
    assert.equal(openWith(b, blob), 'sim-mycirrus-key')
    assert.equal(readFileSync(file, 'utf8').trim().length > 40, true)
  } finally {
    t.cleanup()
  }
})

test('a key file readable by others is refused with a message saying how to fix it', { skip: !posix }, () => {
  const t = tempDir()
  try {
    createKeyFileBox(t.dir)
    const file = join(t.dir, KEY_FILE)
    chmodSync(file, 0o644)
    assert.throws(() => createKeyFileBox(t.dir), (e: unknown) => e instanceof KeyFileError && /chmod 600/.test(e.message) && /644/.test(e.message))
    chmodSync(file, 0o400)
    createKeyFileBox(t.dir)
    assert.equal(statSync(file).mode & 0o777, 0o600, 'owner-only but not 0600 is repaired')
  } finally {
    t.cleanup()
  }
})

test('a damaged key, a tampered blob and another box kind fail clearly', () => {
  const t = tempDir()
  try {
    const box = createKeyFileBox(t.dir)
    const blob = sealWith(box, 'token-value')
    const flipped = Buffer.from(blob)
    flipped[flipped.length - 1]! ^= 1
    assert.throws(() => openWith(box, flipped), SecretBoxError)
    const other: SecretBox = { kind: 'safe-storage', encrypt: (s) => Buffer.from(s), decrypt: (b) => b.toString() }
    assert.throws(() => openWith(other, blob), /encrypted with "key-file"/)
    assert.throws(() => openWith(box, Buffer.from('plain')), /unknown format/)
    writeFileSync(join(t.dir, KEY_FILE), 'short\n', { mode: 0o600 })
    assert.throws(() => createKeyFileBox(t.dir), KeyFileError)
  } finally {
    t.cleanup()
  }
})
