// Domain types shared by the core, both transports and the renderer.
// Kept free of runtime dependencies so the preload and renderer can import them cheaply.

/** One captured request as the list shows it: small, no headers, no body. */
export interface DeliverySummary {
  id: number
  method: string
  path: string
  /** Raw query string without the leading '?', exactly as received ('' when none). */
  query: string
  receivedAt: number
  bodySize: number
  contentType: string | null
  remoteAddress: string
  /** Status code Hooktray answered the sender with. */
  responseStatus: number
  /** Set when the request could not be parsed as HTTP; the raw bytes are the body. */
  parseError: string | null
}

/** Raw ordered header pairs, duplicates and original case kept. */
export type HeaderPair = [name: string, value: string]

export interface Delivery extends DeliverySummary {
  headers: HeaderPair[]
  httpVersion: string
}

export interface DeliveryPage {
  items: DeliverySummary[]
  /** Cursor for the next (older) page, or null when this page is the last. */
  nextBefore: string | null
}

export type TunnelMode = 'none' | 'cloudflared' | 'named' | 'manual'
export type TunnelState = 'stopped' | 'starting' | 'connected' | 'reconnecting' | 'error'

export interface TunnelStatus {
  mode: TunnelMode
  state: TunnelState
  publicUrl: string | null
  error: string | null
}

export interface Status {
  version: string
  receiver: { url: string; host: string; port: number; bodyLimit: number }
  tunnel: TunnelStatus
  deliveryCount: number
  dataDir: string
}
