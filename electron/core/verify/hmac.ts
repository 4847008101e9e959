import { createHmac } from 'node:crypto'
import { z } from 'zod'
import { safeEqual } from './safe-equal'
import { singleHeader, toBuffer, type VerifyRequest, type VerifyResult } from './types'

export const hmacAlgorithms = ['sha256', 'sha1', 'sha512'] as const
export const signatureEncodings = ['hex', 'base64'] as const
export type HmacAlgorithm = (typeof hmacAlgorithms)[number]
export type SignatureEncoding = (typeof signatureEncodings)[number]

/** Where and how a provider puts an HMAC of the raw body. Secret kept apart: it is stored encrypted. */
export const hmacSchemeSchema = z.object({
  header: z.string().min(1).default('X-Webhook-Signature'),
  algorithm: z.enum(hmacAlgorithms).default('sha256'),
  encoding: z.enum(signatureEncodings).default('hex'),
  /** Text before the digest, e.g. `sha256=`; '' for none. */
  prefix: z.string().default(''),
})
export type HmacScheme = z.output<typeof hmacSchemeSchema>

export function computeHmac(
  body: Uint8Array | string,
  secret: string,
  algorithm: HmacAlgorithm,
  encoding: SignatureEncoding,
): string {
  return createHmac(algorithm, secret).update(toBuffer(body)).digest(encoding)
}

/** The header a sender following `scheme` would attach to `body`. */
export function signHmac(body: Uint8Array | string, secret: string, scheme: HmacScheme): [name: string, value: string] {
  return [scheme.header, scheme.prefix + computeHmac(body, secret, scheme.algorithm, scheme.encoding)]
}

export function verifyHmac(req: VerifyRequest, secret: string | null | undefined, scheme: HmacScheme): VerifyResult {
  if (!secret) return { result: 'not-configured', reason: 'no signing secret is stored for this registration' }
  const header = singleHeader(req.headers, scheme.header)
  if ('reason' in header) return { result: 'failed', reason: header.reason }
  let got = header.value
  if (scheme.prefix) {
    if (!got.startsWith(scheme.prefix)) return { result: 'failed', reason: `${scheme.header} does not start with "${scheme.prefix}"` }
    got = got.slice(scheme.prefix.length)
  }
  // Hex digests are case-insensitive by nature; base64 is not.
  if (scheme.encoding === 'hex') got = got.toLowerCase()
  const expected = computeHmac(req.body, secret, scheme.algorithm, scheme.encoding)
  return safeEqual(got, expected)
    ? { result: 'verified' }
    : { result: 'failed', reason: `${scheme.header} does not match the ${scheme.algorithm.toUpperCase()} HMAC of the body` }
}
