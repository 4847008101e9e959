import { signHmac, verifyHmac, type HmacScheme, type SignatureEncoding } from './hmac'
import type { VerifyRequest, VerifyResult } from './types'

export const MYCIRRUS_SIGNATURE_HEADER = 'X-Webhook-Signature'
export const MYCIRRUS_ID_HEADER = 'X-Webhook-Id'

/** MyCirrus signs the raw body with HMAC-SHA256 keyed by the webhook secret; encoding is a setting. */
export function myCirrusScheme(encoding: SignatureEncoding = 'hex'): HmacScheme {
  return { header: MYCIRRUS_SIGNATURE_HEADER, algorithm: 'sha256', encoding, prefix: '' }
}

export function signMyCirrus(body: Uint8Array | string, secret: string, encoding: SignatureEncoding = 'hex') {
  return signHmac(body, secret, myCirrusScheme(encoding))
}

export function verifyMyCirrus(
  req: VerifyRequest,
  secret: string | null | undefined,
  encoding: SignatureEncoding = 'hex',
): VerifyResult {
  return verifyHmac(req, secret, myCirrusScheme(encoding))
}
