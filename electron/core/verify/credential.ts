import { z } from 'zod'
import { safeEqual } from './safe-equal'
import { singleHeader, type VerifyRequest, type VerifyResult } from './types'

/** How a provider authenticates itself to our receiver (Aggregate Intelligence's `authType`). */
export const authTypes = ['none', 'basic', 'querystring', 'authheader', 'header', 'bearer'] as const
export type AuthType = (typeof authTypes)[number]
export const tokenAuthTypes = ['querystring', 'authheader', 'header', 'bearer'] as const
export type TokenAuthType = (typeof tokenAuthTypes)[number]

export const receiverCredentialSchema = z.discriminatedUnion('authType', [
  z.object({ authType: z.literal('none') }),
  z.object({ authType: z.literal('basic'), userName: z.string().min(1), password: z.string().min(1) }),
  z.object({ authType: z.enum(tokenAuthTypes), token: z.string().min(1) }),
])
export type ReceiverCredential = z.output<typeof receiverCredentialSchema>

/** The documents do not name the query parameter or header: settings, with these defaults. */
export const credentialNamesSchema = z.object({
  queryParam: z.string().min(1).default('token'),
  headerName: z.string().min(1).default('X-Webhook-Token'),
})
export type CredentialNames = z.output<typeof credentialNamesSchema>
export const defaultCredentialNames: CredentialNames = { queryParam: 'token', headerName: 'X-Webhook-Token' }

export interface AppliedCredential {
  headers: [name: string, value: string][]
  query: [name: string, value: string][]
}

/** What a sender using `cred` adds to a request: used by the simulator and by replay re-signing. */
export function applyCredential(cred: ReceiverCredential, names: CredentialNames = defaultCredentialNames): AppliedCredential {
  switch (cred.authType) {
    case 'none':
      return { headers: [], query: [] }
    case 'basic':
      return { headers: [['Authorization', `Basic ${basic(cred.userName, cred.password)}`]], query: [] }
    case 'querystring':
      return { headers: [], query: [[names.queryParam, cred.token]] }
    case 'authheader':
      return { headers: [['Authorization', cred.token]], query: [] }
    case 'header':
      return { headers: [[names.headerName, cred.token]], query: [] }
    case 'bearer':
      return { headers: [['Authorization', `Bearer ${cred.token}`]], query: [] }
  }
}

export function verifyCredential(
  req: VerifyRequest,
  cred: ReceiverCredential | null | undefined,
  names: CredentialNames = defaultCredentialNames,
): VerifyResult {
  if (!cred) return { result: 'not-configured', reason: 'no receiver credential is stored for this registration' }
  switch (cred.authType) {
    case 'none':
      return { result: 'not-configured', reason: 'authType none: the provider sends no credential' }
    case 'basic': {
      const h = singleHeader(req.headers, 'Authorization')
      if ('reason' in h) return { result: 'failed', reason: h.reason }
      const m = /^Basic\s+(\S+)$/i.exec(h.value)
      if (!m) return { result: 'failed', reason: 'Authorization is not Basic credentials' }
      return compare(m[1] ?? '', basic(cred.userName, cred.password), 'Basic credentials')
    }
    case 'querystring': {
      const values = new URLSearchParams(req.query ?? '').getAll(names.queryParam)
      if (values.length === 0) return { result: 'failed', reason: `missing query parameter ${names.queryParam}` }
      if (values.length > 1) return { result: 'failed', reason: `query parameter ${names.queryParam} sent ${values.length} times` }
      return compare(values[0] ?? '', cred.token, `query parameter ${names.queryParam}`)
    }
    case 'authheader': {
      const h = singleHeader(req.headers, 'Authorization')
      if ('reason' in h) return { result: 'failed', reason: h.reason }
      return compare(h.value, cred.token, 'Authorization value')
    }
    case 'header': {
      const h = singleHeader(req.headers, names.headerName)
      if ('reason' in h) return { result: 'failed', reason: h.reason }
      return compare(h.value, cred.token, `${names.headerName} value`)
    }
    case 'bearer': {
      const h = singleHeader(req.headers, 'Authorization')
      if ('reason' in h) return { result: 'failed', reason: h.reason }
      const m = /^Bearer\s+(\S+)$/i.exec(h.value)
      if (!m) return { result: 'failed', reason: 'Authorization is not a Bearer token' }
      return compare(m[1] ?? '', cred.token, 'Bearer token')
    }
  }
}

function basic(userName: string, password: string): string {
  return Buffer.from(`${userName}:${password}`, 'utf8').toString('base64')
}

function compare(got: string, expected: string, what: string): VerifyResult {
  return safeEqual(got, expected) ? { result: 'verified' } : { result: 'failed', reason: `${what} does not match` }
}
