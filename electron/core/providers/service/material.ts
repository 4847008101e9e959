// The secret half of a registration (signing secret, receiver credential, verify config), kept
// as one encrypted blob. Never logged, never returned except through maskVerify().
import type { VerifySummary } from '../../../../shared/provider-schemas'
import { openWith, sealWith, type SecretBox } from '../../secrets'
import { mask, receiverCredentialSchema, verifyConfigSchema, type ReceiverCredential, type VerifyConfig } from '../../verify'
import { z } from 'zod'

export interface Material {
  /** Signing secret (ours, or the one the provider generated). */
  secret?: string
  /** What the provider presents to our receiver (Aggregate Intelligence, generic token). */
  credential?: ReceiverCredential
  verify: VerifyConfig | null
  /** A secret the user chose in the registration options (MyCirrus `secret`). */
  userSecret?: string
}

const materialSchema = z.object({
  secret: z.string().optional(),
  credential: receiverCredentialSchema.optional(),
  verify: verifyConfigSchema.nullable(),
  userSecret: z.string().optional(),
})

export const EMPTY_MATERIAL: Material = { verify: null }

export function sealMaterial(box: SecretBox, m: Material): Buffer {
  return sealWith(box, JSON.stringify(m))
}

export function openMaterial(box: SecretBox, blob: Buffer | null): Material {
  if (!blob) return { ...EMPTY_MATERIAL }
  return materialSchema.parse(JSON.parse(openWith(box, blob))) as Material
}

/** A credential or key for display: `abcd…wxyz` when long enough to keep most of it hidden. */
export function maskValue(value: string): string {
  return value.length >= 16 ? `${value.slice(0, 4)}…${value.slice(-4)}` : '••••'
}

export function maskVerify(v: VerifyConfig | null): VerifySummary | null {
  if (!v) return null
  if (v.scheme === 'hmac') {
    return { scheme: 'hmac', header: v.header, algorithm: v.algorithm, encoding: v.encoding, prefix: v.prefix, secret: mask(v.secret) }
  }
  const c = v.credential
  const base = { scheme: 'credential' as const, authType: c.authType, queryParam: v.queryParam, headerName: v.headerName }
  if (c.authType === 'none') return base
  if (c.authType === 'basic') return { ...base, userName: c.userName, secret: mask(c.password) }
  return { ...base, secret: mask(c.token) }
}
