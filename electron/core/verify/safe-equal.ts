import { createHash, timingSafeEqual } from 'node:crypto'

/**
 * Constant-time equality for secrets of any length. timingSafeEqual throws on a length
 * mismatch, and an early length check would leak the expected length, so both sides are
 * hashed to equal-size digests first; the length comparison happens after, on values that
 * have already been fully processed.
 */
export function safeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const ba = typeof a === 'string' ? Buffer.from(a, 'utf8') : a
  const bb = typeof b === 'string' ? Buffer.from(b, 'utf8') : b
  const da = createHash('sha256').update(ba).digest()
  const db = createHash('sha256').update(bb).digest()
  const same = timingSafeEqual(da, db)
  return same && ba.length === bb.length
}
