import { ZodError } from 'zod'
import type { ProviderErrorKind } from '../../../../shared/provider-schemas'
import { SecretBoxError } from '../../secrets'
import { isProviderApiError, ProviderError } from '../errors'

export interface Failure {
  kind: ProviderErrorKind
  /** For a provider's 4xx: its own text, word for word. */
  message: string
}

export function describeFailure(e: unknown): Failure {
  if (e instanceof ProviderError) return { kind: 'rejected', message: e.providerText || e.message }
  if (isProviderApiError(e)) return { kind: e.failure, message: e.message }
  if (e instanceof ZodError) return { kind: 'invalid', message: zodMessage(e) }
  if (e instanceof SecretBoxError) return { kind: 'unexpected', message: e.message }
  return { kind: 'unexpected', message: e instanceof Error ? e.message : String(e) }
}

export function zodMessage(e: ZodError): string {
  return e.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')
}

/** The part of a captured or public URL path that names a Hooktray registration. */
export const RECEIVER_PATH_PREFIX = '/h/'
const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'

export function newId(length = 10): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length))
  let out = ''
  for (const b of bytes) out += ID_ALPHABET[b % ID_ALPHABET.length]
  return out
}

export function looksLikeReceiverUrl(url: string | null): boolean {
  if (!url) return false
  try {
    return /\/h\/[a-z2-9]{10}\/?$/.test(new URL(url).pathname)
  } catch {
    return false
  }
}
