import { safeStorage } from 'electron'
import type { SecretBox } from '../core/secrets'

/**
 * Desktop secrets at rest: the OS keychain (Keychain, DPAPI, libsecret/kwallet) through
 * Electron's safeStorage. Call after app 'ready'. Throws when no keychain is usable rather than
 * falling back to a hard-coded key (Linux 'basic_text'), which would only look like encryption.
 */
export function createSafeStorageBox(): SecretBox {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new Error('the OS keychain is not available (safeStorage); provider credentials cannot be stored safely')
  }
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    throw new Error('no OS keychain found (libsecret or kwallet); provider credentials cannot be stored safely')
  }
  return {
    kind: 'safe-storage',
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (blob) => safeStorage.decryptString(blob),
  }
}
