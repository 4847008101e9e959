import { ApiError } from '../../../shared/contract'
import type { AttemptRepository, Attempt } from '../store/attempts'
import type { DeliveryRepository } from '../store/deliveries'
import { buildRequest, type BuiltRequest, type Resigner } from './build-request'
import type { ReplayEdits, ReplayOptions } from './schemas'
import { restoreInHeaders, restoreSecret, type HiddenCredential } from '../verify/redact'
import { DEFAULT_TIMEOUT_MS, sendRequest, type SendOptions } from './send'
import { parseTarget, type SelfAddress } from './target'

function restoreEdits(edits: ReplayEdits, secret: string): ReplayEdits {
  return {
    ...edits,
    ...(edits.headers ? { headers: restoreInHeaders(edits.headers, secret) } : {}),
    ...(edits.query !== undefined ? { query: restoreSecret(edits.query, secret, 'query') } : {}),
  }
}

export interface ReplayerDeps {
  deliveries: Pick<DeliveryRepository, 'get' | 'body'>
  attempts: AttemptRepository
  /** Read on every replay: the receiver's port and public URL can change. */
  self: () => SelfAddress
  resign?: Resigner
  /** The credential a registration's deliveries carry: edits showing its marker get it back. */
  credentialFor?: (registrationId: string | null) => HiddenCredential | null
  timeoutMs?: () => number
  /** Told about every recorded attempt (the lead emits an event from it). */
  onAttempt?: (attempt: Attempt) => void
  tls?: SendOptions['tls']
}

/** Replays stored deliveries to a target and records each attempt. */
export class Replayer {
  constructor(private readonly deps: ReplayerDeps) {}

  /** Validates a target as replay would (absolute http(s), not the receiver itself). */
  checkTarget(target: string): URL {
    return parseTarget(target, this.deps.self())
  }

  /** Everything replay checks before sending; throws ApiError 400/404. */
  prepare(deliveryId: number, options: ReplayOptions): BuiltRequest {
    const url = this.checkTarget(options.target)
    const delivery = this.deps.deliveries.get(deliveryId)
    const body = delivery ? this.deps.deliveries.body(deliveryId) : null
    if (!delivery || !body) throw new ApiError(404, `delivery ${deliveryId} not found`)
    // The client saw the credential as a marker; an edited header table or query that still
    // carries the marker sends the real value, as the unedited request would.
    const secret = delivery.registrationId ? (this.deps.credentialFor?.(delivery.registrationId)?.secret ?? null) : null
    const edits = secret && options.edits ? restoreEdits(options.edits, secret) : options.edits
    return buildRequest(delivery, body, url, {
      edits,
      keepTunnelHeaders: options.keepTunnelHeaders,
      resign: options.resign,
      resigner: this.deps.resign,
    })
  }

  async replay(deliveryId: number, options: ReplayOptions): Promise<Attempt> {
    const built = this.prepare(deliveryId, options)
    const createdAt = Date.now()
    const result = await sendRequest(built.request, {
      timeoutMs: this.deps.timeoutMs?.() ?? DEFAULT_TIMEOUT_MS,
      tls: this.deps.tls,
    })
    const attempt = this.deps.attempts.insert({
      kind: 'replay',
      deliveryId,
      target: options.target,
      ...result,
      edited: built.edited,
      createdAt,
      sent: built.sent,
      sentBody: built.sentBody,
    })
    if (!attempt) throw new ApiError(404, `delivery ${deliveryId} was deleted while it was being replayed`)
    this.deps.onAttempt?.(attempt)
    return attempt
  }
}
