// A credential Hooktray generated for a provider to send back (Aggregate Intelligence's token or
// Basic user:password) arrives in every delivery on that registration. It is a secret like any
// other: the core keeps the bytes, and what leaves it for the renderer or the API shows a marker
// instead. Replay edits that still carry the marker get the real value back inside the core.
import type { HeaderPair } from '../../../shared/types'
import type { VerifyConfig } from './index'

/** Stands in for the credential in headers and query strings: plain ASCII, valid in both. */
export const HIDDEN_CREDENTIAL = '***hidden-credential***'

/** The string a registration's deliveries carry that must not leave the core (null: none). */
export function credentialSecret(verify: VerifyConfig | null | undefined): string | null {
  if (!verify || verify.scheme !== 'credential') return null
  const c = verify.credential
  if (c.authType === 'none') return null
  // What travels on the wire: Basic carries base64(user:password), the others the token itself.
  return c.authType === 'basic' ? Buffer.from(`${c.userName}:${c.password}`, 'utf8').toString('base64') : c.token
}

function forms(secret: string): string[] {
  const encoded = encodeURIComponent(secret)
  const plusEncoded = encoded.replace(/%20/g, '+')
  return [...new Set([secret, encoded, plusEncoded])].sort((a, b) => b.length - a.length)
}

/** `text` with every occurrence of the secret (raw or percent-encoded) replaced by the marker. */
export function hideSecret(text: string, secret: string | null): string {
  if (!secret || !text) return text
  let out = text
  for (const form of forms(secret)) if (out.includes(form)) out = out.split(form).join(HIDDEN_CREDENTIAL)
  return out
}

/** The marker back to the real value (in a query string, percent-encoded as the sender would). */
export function restoreSecret(text: string, secret: string | null, where: 'header' | 'query'): string {
  if (!secret || !text.includes(HIDDEN_CREDENTIAL)) return text
  return text.split(HIDDEN_CREDENTIAL).join(where === 'query' ? encodeURIComponent(secret) : secret)
}

export function hideInHeaders(headers: HeaderPair[], secret: string | null): HeaderPair[] {
  if (!secret) return headers
  return headers.map(([name, value]) => [name, hideSecret(value, secret)])
}

export function restoreInHeaders(headers: HeaderPair[], secret: string | null): HeaderPair[] {
  if (!secret) return headers
  return headers.map(([name, value]) => [name, restoreSecret(value, secret, 'header')])
}
