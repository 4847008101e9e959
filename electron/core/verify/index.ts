// One entry point for the core: a registration stores a VerifyConfig (secrets inside, kept
// encrypted by the caller); every delivery to it is checked with verifyDelivery, and replay
// re-signs with signDelivery.
import { z } from 'zod'
import {
  applyCredential,
  credentialNamesSchema,
  receiverCredentialSchema,
  verifyCredential,
  type AppliedCredential,
} from './credential'
import { hmacSchemeSchema, signHmac, verifyHmac } from './hmac'
import type { VerifyRequest, VerifyResult } from './types'

export const verifyConfigSchema = z.discriminatedUnion('scheme', [
  hmacSchemeSchema.extend({ scheme: z.literal('hmac'), secret: z.string().min(1) }),
  credentialNamesSchema.extend({ scheme: z.literal('credential'), credential: receiverCredentialSchema }),
])
export type VerifyConfig = z.output<typeof verifyConfigSchema>

export function verifyDelivery(config: VerifyConfig | null | undefined, req: VerifyRequest): VerifyResult {
  if (!config) return { result: 'not-configured', reason: 'verification is not configured for this endpoint' }
  if (config.scheme === 'hmac') return verifyHmac(req, config.secret, config)
  return verifyCredential(req, config.credential, config)
}

/**
 * Headers and query parameters a genuine sender would attach to `body`. The caller replaces
 * (not appends) same-named headers/parameters, so a replay of an edited body carries a fresh
 * signature rather than the stale one.
 */
export function signDelivery(config: VerifyConfig, body: Uint8Array | string): AppliedCredential {
  if (config.scheme === 'hmac') return { headers: [signHmac(body, config.secret, config)], query: [] }
  return applyCredential(config.credential, config)
}

/** A copy safe to show: secrets reduced to their first characters. */
export function maskVerifyConfig(config: VerifyConfig): VerifyConfig {
  if (config.scheme === 'hmac') return { ...config, secret: mask(config.secret) }
  const c = config.credential
  if (c.authType === 'none') return config
  if (c.authType === 'basic') return { ...config, credential: { ...c, password: mask(c.password) } }
  return { ...config, credential: { ...c, token: mask(c.token) } }
}

export function mask(secret: string): string {
  return secret.length <= 8 ? '••••' : `${secret.slice(0, 4)}••••`
}

export type { VerifyOutcome, VerifyRequest, VerifyResult, HeaderInput } from './types'
export { headerValues } from './types'
export { safeEqual } from './safe-equal'
export * from './hmac'
export * from './credential'
export * from './mycirrus'
