import type { HeaderPair } from '../../../shared/types'

/** What the shell shows as one native notification (the shape lives in shared/ for every client). */
export type { HooktrayNotification } from '../../../shared/notify-types'

export interface DeliveryInput {
  id: number
  method: string
  /** Path without the query string (a query, if present here anyway, is dropped). */
  path: string
  bodySize: number
  contentType: string | null
  receivedAt: number
  registrationId?: string | null
  registrationName?: string | null
  /** Already known event name; otherwise it is looked for in headers and bodyPrefix. */
  eventName?: string | null
  /** Request headers; only the configured event headers are read, no other value is ever shown. */
  headers?: readonly HeaderPair[]
  /** The body or its start; only the first BODY_PREFIX_BYTES are read. */
  bodyPrefix?: Uint8Array | null
}

export type FailureKind = 'verification' | 'forward' | 'registration' | 'tunnel'

export interface FailureInput {
  kind: FailureKind
  message: string
  deliveryId?: number | null
  registrationId?: string | null
  registrationName?: string | null
  path?: string | null
  /** For `forward`: the status the target answered (5xx), when it answered at all. */
  status?: number | null
}
