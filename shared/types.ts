// Domain types shared by the core, both transports and the renderer.
// Kept free of runtime dependencies so the preload and renderer can import them cheaply.
import type { TrayStatus } from './notify-types'

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
  /** The newest forward attempt's outcome, when the delivery was forwarded. */
  lastForward?: ForwardResult | null
  /** The provider registration whose receiver path it arrived on (null: none). */
  registrationId: string | null
  /** What checking its signature or credential said (null: not on a registration's path). */
  verification: 'verified' | 'failed' | 'not-configured' | null
  /** Why verification failed or was not done; never contains a secret. */
  verificationReason: string | null
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
  /** In `error` only: when Hooktray tries again by itself (ms since the epoch); absent when it will not. */
  retryAt?: number
}

export interface Status {
  version: string
  /** What the tray shows; the same for every client. */
  tray: TrayStatus
  receiver: { url: string; host: string; port: number; bodyLimit: number }
  tunnel: TunnelStatus
  deliveryCount: number
  dataDir: string
}

export type AttemptKind = 'replay' | 'forward'

/** One replay or forward of a delivery, as the API returns it (no bodies). */
export interface Attempt {
  id: number
  kind: AttemptKind
  deliveryId: number
  target: string
  /** The target's status code; null when no answer arrived. */
  status: number | null
  /** What went wrong, in words; null when the exchange completed. */
  error: string | null
  durationMs: number
  responseHeaders: HeaderPair[]
  /** Bytes the target sent in its body (counted, even past what was kept). */
  responseBodySize: number
  /** The kept body is shorter than responseBodySize. */
  truncated: boolean
  /** What was sent differs from the capture (user edits or a new signature). */
  edited: boolean
  createdAt: number
}

/** The request line and headers as sent, recorded only for edited attempts. */
export interface SentRequest {
  method: string
  path: string
  query: string
  headers: HeaderPair[]
  /** The signature headers were recomputed for the edited body. */
  resigned: boolean
}

export type JobState = 'running' | 'done' | 'cancelled'

export interface BulkJob {
  id: string
  state: JobState
  target: string
  total: number
  /** Attempts finished (ok + failed). Below total when cancelled. */
  done: number
  /** Answered with a status below 400. */
  ok: number
  /** No answer, an error, a status of 400 or more, or a delivery deleted meanwhile. */
  failed: number
}

/** The last forward of a delivery, as the list shows it. */
export interface ForwardResult {
  status: number | null
  error: string | null
}
