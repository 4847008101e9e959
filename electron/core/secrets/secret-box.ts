// Credentials and webhook secrets are stored encrypted. The core only sees this interface: the
// desktop shell passes one backed by the OS keychain (Electron safeStorage), headless mode uses
// a key file in the data dir.

export interface SecretBox {
  /** Names the scheme, recorded with every blob so a blob is never fed to the wrong box. */
  readonly kind: string
  encrypt(plain: string): Buffer
  decrypt(blob: Buffer): string
}

/** A blob this box cannot open: another box wrote it, or the key changed. */
export class SecretBoxError extends Error {
  override name = 'SecretBoxError'
}

const MAGIC = 'HTS1'

/**
 * Prefixes every blob with the box's kind. The data dir is shared by the desktop app and
 * `hooktray serve`; without the tag, a safeStorage blob read by the key-file box would fail as
 * "bad auth tag" instead of saying which program can open it.
 */
export function sealWith(box: SecretBox, plain: string): Buffer {
  const head = Buffer.from(`${MAGIC}:${box.kind}\n`, 'utf8')
  return Buffer.concat([head, box.encrypt(plain)])
}

export function openWith(box: SecretBox, blob: Buffer): string {
  const nl = blob.indexOf(0x0a)
  const head = nl > 0 && nl < 64 ? blob.subarray(0, nl).toString('utf8') : ''
  if (!head.startsWith(`${MAGIC}:`)) throw new SecretBoxError('stored secret has an unknown format')
  const kind = head.slice(MAGIC.length + 1)
  if (kind !== box.kind) {
    throw new SecretBoxError(
      `stored secret was encrypted with "${kind}" but this Hooktray uses "${box.kind}"; enter the credentials again`,
    )
  }
  try {
    return box.decrypt(blob.subarray(nl + 1))
  } catch (e) {
    throw new SecretBoxError(`stored secret could not be decrypted (${box.kind}): ${(e as Error).message}`)
  }
}
