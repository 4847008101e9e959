import { networkInterfaces } from 'node:os'
import { ApiError } from '../../../shared/contract'

/** Where Hooktray's own receiver can be reached, so a target pointing there is refused. */
export interface SelfAddress {
  receiverPort: number
  /** Bind address of the receiver; a specific non-loopback address loops too. */
  receiverHost?: string
  /** The public (tunnel) URL that reaches the receiver, when there is one. */
  publicUrl?: string | null
}

export const TARGET_MESSAGE = 'target must be an absolute http(s) URL'

function bare(hostname: string): string {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  return h.endsWith('.') ? h.slice(0, -1) : h
}

export function effectivePort(url: URL): number {
  if (url.port) return Number(url.port)
  return url.protocol === 'https:' ? 443 : 80
}

const WILDCARDS = new Set(['0.0.0.0', '::', '::ffff:0:0'])

/** Names that reach this machine. The URL parser already canonicalised IPv4 forms like 127.1. */
export function isLoopbackHost(hostname: string): boolean {
  const h = bare(hostname)
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    /^127\.\d+\.\d+\.\d+$/.test(h) ||
    h === '::1' ||
    /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(h) ||
    WILDCARDS.has(h)
  )
}

function localInterfaceAddresses(): Set<string> {
  const out = new Set<string>()
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) out.add(bare(info.address))
  }
  return out
}

function loops(url: URL, self: SelfAddress): boolean {
  const host = bare(url.hostname)
  const port = effectivePort(url)
  if (port === self.receiverPort) {
    if (isLoopbackHost(host)) return true
    const bind = self.receiverHost ? bare(self.receiverHost) : null
    if (bind && bind === host) return true
    // Bound to every interface: any of this machine's addresses reaches the receiver.
    if (bind && WILDCARDS.has(bind) && localInterfaceAddresses().has(host)) return true
  }
  if (self.publicUrl) {
    let pub: URL
    try {
      pub = new URL(self.publicUrl)
    } catch {
      return false
    }
    if (bare(pub.hostname) === host && effectivePort(pub) === port) return true
  }
  return false
}

/**
 * Parses a replay or forward target and refuses one that is not absolute http(s) or that
 * points back at the receiver (a forward there would capture and forward itself forever).
 * Throws ApiError 400 with the message the user sees.
 */
export function parseTarget(target: string, self?: SelfAddress): URL {
  let url: URL
  try {
    url = new URL(target)
  } catch {
    throw new ApiError(400, TARGET_MESSAGE)
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    throw new ApiError(400, TARGET_MESSAGE)
  }
  if (url.username || url.password) {
    throw new ApiError(400, 'target must not contain a user name or password')
  }
  if (self && loops(url, self)) {
    throw new ApiError(400, `would loop: ${target} is Hooktray's own receiver`)
  }
  return url
}

/** Removes a registration's receiver prefix, at a path-segment boundary only. */
export function stripPrefix(path: string, prefix: string | undefined): string {
  if (!prefix || prefix === '/') return path
  const p = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix
  if (path === p) return '/'
  if (path.startsWith(p + '/')) return path.slice(p.length)
  return path
}

/**
 * The path and query a target receives. A target without a path (or '/') gets the captured
 * path appended; a target with a path receives that path. The captured query is appended
 * after any query the target carries.
 */
export function resolvePath(
  url: URL,
  captured: { path: string; query: string },
  pathPrefix?: string,
): { path: string; query: string } {
  const path = url.pathname === '/' || url.pathname === '' ? stripPrefix(captured.path, pathPrefix) : url.pathname
  const query = [url.search.slice(1), captured.query].filter((q) => q !== '').join('&')
  return { path: path === '' ? '/' : path, query }
}
