// Shapes shared by every verifier. Verifiers are pure: they see the raw request, never the store.

export type VerifyOutcome = 'verified' | 'failed' | 'not-configured'

export interface VerifyResult {
  result: VerifyOutcome
  /** Why it failed or why nothing was checked; never contains a secret. */
  reason?: string
}

/** Raw ordered pairs (as the store keeps them) or a node-style header object. */
export type HeaderInput =
  | ReadonlyArray<readonly [string, string]>
  | Readonly<Record<string, string | readonly string[] | undefined>>

export interface VerifyRequest {
  headers: HeaderInput
  /** The body exactly as received: signatures are over these bytes, never a re-serialisation. */
  body: Uint8Array | string
  /** Raw query string without the leading '?'. */
  query?: string
}

/** Every value of a header, matched case-insensitively, in arrival order. */
export function headerValues(headers: HeaderInput, name: string): string[] {
  const wanted = name.toLowerCase()
  if (Array.isArray(headers)) {
    const pairs = headers as ReadonlyArray<readonly [string, string]>
    return pairs.filter(([n]) => n.toLowerCase() === wanted).map(([, v]) => v)
  }
  const out: string[] = []
  for (const [n, v] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
    if (n.toLowerCase() !== wanted || v === undefined) continue
    if (typeof v === 'string') out.push(v)
    else out.push(...v)
  }
  return out
}

/**
 * The single value of a header, or a failure reason. Two copies of a signature header are
 * treated as a failure rather than "any may match": an attacker must not get to add guesses.
 */
export function singleHeader(headers: HeaderInput, name: string): { value: string } | { reason: string } {
  const values = headerValues(headers, name)
  if (values.length === 0) return { reason: `missing ${name} header` }
  if (values.length > 1) return { reason: `${name} header sent ${values.length} times` }
  return { value: (values[0] ?? '').trim() }
}

export function toBuffer(body: Uint8Array | string): Buffer {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength)
}
