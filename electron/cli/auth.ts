import { timingSafeEqual } from 'node:crypto'
import type http from 'node:http'

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

/**
 * DNS-rebinding defence: a browser tricked into resolving evil.example to 127.0.0.1 still sends
 * `Host: evil.example`. Only loopback names (and the bind address the user chose) for this port pass.
 */
export function isAllowedHost(hostHeader: string | undefined, port: number, extraHosts: string[] = []): boolean {
  if (!hostHeader) return false
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader.trim().toLowerCase())
  if (!m) return false
  const name = m[1]!
  const hostPort = m[2] === undefined ? 80 : Number(m[2])
  if (hostPort !== port) return false
  return LOOPBACK_NAMES.has(name) || extraHosts.includes(name)
}

export function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

export function cookieName(port: number): string {
  // Cookies ignore ports: one name per inspector port keeps two instances from clobbering each other.
  return `hooktray_token_${port}`
}

export function readCookie(req: http.IncomingMessage, name: string): string | null {
  const header = req.headers.cookie
  if (!header) return null
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq === -1) continue
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim())
  }
  return null
}

export function bearerToken(req: http.IncomingMessage): string | null {
  const h = req.headers.authorization
  if (!h) return null
  const m = /^Bearer\s+(.+)$/i.exec(h.trim())
  return m ? m[1]!.trim() : null
}

/** Cross-site requests that change state are refused even with a valid cookie. */
export function isSameOriginWrite(req: http.IncomingMessage, port: number, extraHosts: string[]): boolean {
  const method = req.method ?? 'GET'
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return true
  const origin = req.headers.origin
  if (!origin) return true // not a browser, or a same-origin navigation without Origin
  try {
    const u = new URL(origin)
    return isAllowedHost(u.host || `${u.hostname}:80`, port, extraHosts) && u.protocol === 'http:'
  } catch {
    return false
  }
}
