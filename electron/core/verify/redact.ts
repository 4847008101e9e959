// A credential Hooktray generated for a provider to send back (Aggregate Intelligence's token or
// Basic user:password) arrives in every delivery on that registration. It is a secret like any
// other: the core keeps the bytes, and what leaves it for the renderer or the API shows a marker
// instead. Replay edits that still carry the marker get the real value back inside the core.
import type { HeaderPair } from '../../../shared/types'
import type { VerifyConfig } from './index'

/** Stands in for the credential in headers and query strings: plain ASCII, valid in both. */
export const HIDDEN_CREDENTIAL = '***hidden-credential***'

/**
 * What to hide in a registration's deliveries. `secret` is the string on the wire; null when this
 * Hooktray cannot read it (sealed by another secret box): then the whole value where the
 * credential travels is hidden instead, which needs no secret.
 */
export interface HiddenCredential {
  secret: string | null
  authType: 'basic' | 'querystring' | 'authheader' | 'header' | 'bearer'
  queryParam: string
  headerName: string
}

/** What a registration's verification says its deliveries carry (null: no credential). */
export function hiddenCredentialOf(verify: VerifyConfig | null | undefined): HiddenCredential | null {
  if (!verify || verify.scheme !== 'credential') return null
  const c = verify.credential
  if (c.authType === 'none') return null
  // What travels on the wire: Basic carries base64(user:password), the others the token itself.
  const secret = c.authType === 'basic' ? Buffer.from(`${c.userName}:${c.password}`, 'utf8').toString('base64') : c.token
  return { secret, authType: c.authType, queryParam: verify.queryParam, headerName: verify.headerName }
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

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '))
  } catch {
    return raw
  }
}

/** A raw query string with the credential hidden (the secret's occurrences, or the whole parameter). */
export function hideInQuery(query: string, cred: HiddenCredential | null): string {
  if (!cred || !query) return query
  if (cred.secret) return hideSecret(query, cred.secret)
  if (cred.authType !== 'querystring') return query
  return query
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=')
      const name = eq === -1 ? part : part.slice(0, eq)
      return eq !== -1 && decodeName(name) === cred.queryParam ? `${name}=${HIDDEN_CREDENTIAL}` : part
    })
    .join('&')
}

/** Headers with the credential hidden (the secret's occurrences, or the whole value where it travels). */
export function hideInHeaders(headers: HeaderPair[], cred: HiddenCredential | null): HeaderPair[] {
  if (!cred) return headers
  const secret = cred.secret
  if (secret) return headers.map(([name, value]) => [name, hideSecret(value, secret)])
  const where = cred.authType === 'header' ? cred.headerName.toLowerCase() : cred.authType === 'querystring' ? null : 'authorization'
  if (!where) return headers
  return headers.map(([name, value]): HeaderPair => {
    if (name.toLowerCase() !== where) return [name, value]
    // Keep the scheme word (Basic, Bearer): it says how the sender authenticated, not with what.
    const scheme = cred.authType === 'basic' || cred.authType === 'bearer' ? (/^(Basic|Bearer)\s+/i.exec(value)?.[0] ?? '') : ''
    return [name, `${scheme}${HIDDEN_CREDENTIAL}`]
  })
}

export function restoreInHeaders(headers: HeaderPair[], secret: string | null): HeaderPair[] {
  if (!secret) return headers
  return headers.map(([name, value]) => [name, restoreSecret(value, secret, 'header')])
}
