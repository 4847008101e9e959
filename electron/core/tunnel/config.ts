import type { TunnelMode } from '../../../shared/types'

/** What the user asked for. The token of a named tunnel lives here only: never in a status. */
export type TunnelConfig =
  | { mode: 'none' }
  | { mode: 'cloudflared'; binPath?: string | null }
  | { mode: 'named'; token: string; hostname: string; binPath?: string | null }
  | { mode: 'manual'; url: string }

/** A configuration the user must fix; the transports answer it with 400 and this message. */
export class TunnelConfigError extends Error {
  readonly code = 'TUNNEL_CONFIG_INVALID'
  constructor(message: string) {
    super(message)
    this.name = 'TunnelConfigError'
  }
}

const MODES: readonly TunnelMode[] = ['none', 'cloudflared', 'named', 'manual']
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i

/**
 * Checks the public URL typed for manual mode and returns it normalised (no trailing slash).
 * Credentials are refused because providers would store them and show them in their dashboards.
 */
export function validateManualUrl(input: string): string {
  const text = typeof input === 'string' ? input.trim() : ''
  if (!text) throw new TunnelConfigError('Enter the public URL that reaches this machine, e.g. https://hooks.example.com')
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new TunnelConfigError(`"${text}" is not a URL. Enter a full URL such as https://hooks.example.com`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TunnelConfigError(`The public URL must start with http:// or https:// (got ${url.protocol.replace(/:$/, '')}://)`)
  }
  if (url.username || url.password) {
    throw new TunnelConfigError('The public URL must not contain a user name or password (user:password@); remove them')
  }
  if (!url.hostname) throw new TunnelConfigError('The public URL has no host name')
  if (url.search || url.hash) {
    throw new TunnelConfigError('The public URL must not contain a query string (?…) or a fragment (#…)')
  }
  const path = url.pathname.replace(/\/+$/, '')
  return `${url.protocol}//${url.host}${path}`
}

/** Accepts `hooks.example.com` or `https://hooks.example.com` and returns the bare host name. */
export function validateHostname(input: string): string {
  let text = typeof input === 'string' ? input.trim() : ''
  if (/^https?:\/\//i.test(text)) {
    try {
      const url = new URL(text)
      if (url.pathname !== '/' || url.search || url.hash || url.port || url.username) throw new Error('extra parts')
      text = url.hostname
    } catch {
      throw new TunnelConfigError(`Enter only the host name of the named tunnel (e.g. hooks.example.com), not "${text}"`)
    }
  }
  text = text.replace(/\.$/, '').toLowerCase()
  const labels = text.split('.')
  if (!text || text.length > 253 || labels.length < 2 || !labels.every((label) => LABEL.test(label))) {
    throw new TunnelConfigError(`"${text}" is not a valid host name; enter the host name routed to the tunnel, e.g. hooks.example.com`)
  }
  return text
}

/** Validates and normalises a configuration. Throws TunnelConfigError with a message for the user. */
export function validateTunnelConfig(config: TunnelConfig): TunnelConfig {
  if (!config || typeof config !== 'object' || !MODES.includes(config.mode)) {
    throw new TunnelConfigError(`Unknown tunnel mode; use one of ${MODES.join(', ')}`)
  }
  switch (config.mode) {
    case 'none':
      return { mode: 'none' }
    case 'manual':
      return { mode: 'manual', url: validateManualUrl(config.url) }
    case 'cloudflared':
      return { mode: 'cloudflared', binPath: cleanPath(config.binPath) }
    case 'named': {
      const token = typeof config.token === 'string' ? config.token.trim() : ''
      if (!token) throw new TunnelConfigError('A named tunnel needs its token (Zero Trust → Networks → Tunnels → your tunnel)')
      if (/\s/.test(token)) throw new TunnelConfigError('The tunnel token must be one word without spaces or line breaks')
      return { mode: 'named', token, hostname: validateHostname(config.hostname), binPath: cleanPath(config.binPath) }
    }
  }
}

function cleanPath(path: string | null | undefined): string | null {
  return typeof path === 'string' && path.trim() ? path.trim() : null
}
