import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { UnexpectedResponseError } from './errors'

/** An API base URL: http or https only (http for local simulators and self-hosted APIs). */
export const httpUrlSchema = z.url({ protocol: /^https?$/ })

/** A random secret for HMAC signing or a receiver token: 32 bytes, base64url. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

/** publicUrl + receiverPath without doubling or losing slashes; a path prefix in publicUrl is kept. */
export function joinUrl(publicUrl: string, receiverPath: string): string {
  const u = new URL(publicUrl)
  const base = u.pathname.replace(/\/+$/, '')
  const path = receiverPath ? (receiverPath.startsWith('/') ? receiverPath : `/${receiverPath}`) : ''
  u.pathname = `${base}${path}` || '/'
  return u.toString()
}

/** baseUrl + path (path relative to the base's own path). */
export function apiUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`)
}

/** RFC 6901 JSON Pointer; '' is the whole document. */
export function getPointer(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc
  if (!pointer.startsWith('/')) throw new Error(`JSON pointer must start with "/": ${pointer}`)
  let cur: unknown = doc
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[key]
  }
  return cur
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** A non-empty string id from a response, or an UnexpectedResponseError naming what was missing. */
export function requireId(provider: string, status: number, value: unknown, where: string): string {
  if (typeof value === 'string' && value !== '') return value
  if (typeof value === 'number') return String(value)
  throw new UnexpectedResponseError(provider, status, `${provider} answered ${status} without a webhook id at ${where}`)
}
