import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { SecretBox } from './secret-box'

export const KEY_FILE = 'secret.key'
const KEY_BYTES = 32
const IV_BYTES = 12
const TAG_BYTES = 16

export class KeyFileError extends Error {
  override name = 'KeyFileError'
}

/**
 * Headless secrets at rest: AES-256-GCM with a random key in `<dataDir>/secret.key` (mode 0600).
 * It protects a copied database, not a user whose account is compromised: that is what the
 * desktop app's OS keychain is for.
 */
export function createKeyFileBox(dataDir: string, platform = process.platform): SecretBox {
  const key = loadOrCreateKey(join(dataDir, KEY_FILE), platform)
  return {
    kind: 'key-file',
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), data])
    },
    decrypt(blob) {
      if (blob.length < IV_BYTES + TAG_BYTES) throw new Error('blob too short')
      const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, IV_BYTES))
      decipher.setAuthTag(blob.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
      return Buffer.concat([decipher.update(blob.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
    },
  }
}

function loadOrCreateKey(file: string, platform: string): Buffer {
  mkdirSync(dirname(file), { recursive: true })
  let fd: number | null = null
  try {
    // 'wx': never overwrite a key another process just wrote (losing it would lose every secret).
    fd = openSync(file, 'wx', 0o600)
    writeSync(fd, randomBytes(KEY_BYTES).toString('base64') + '\n')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
  } finally {
    if (fd !== null) closeSync(fd)
  }
  // POSIX modes mean nothing on Windows; the file inherits the profile folder's ACL there.
  if (platform !== 'win32') {
    const mode = statSync(file).mode & 0o777
    if (mode & 0o077) {
      throw new KeyFileError(
        `${file} is readable by other users (mode ${mode.toString(8).padStart(3, '0')}). ` +
          `It encrypts your provider credentials: run "chmod 600 ${file}" and start Hooktray again.`,
      )
    }
    // A umask can only remove bits; this makes sure owner read/write is there.
    if (mode !== 0o600) chmodSync(file, 0o600)
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')
  if (key.length !== KEY_BYTES) {
    throw new KeyFileError(`${file} does not hold a ${KEY_BYTES}-byte key; it was damaged or replaced. The database was left untouched.`)
  }
  return key
}
