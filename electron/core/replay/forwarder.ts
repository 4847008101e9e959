import type { ReceiverAnswer } from '../receiver/receiver'
import type { Attempt, AttemptRepository } from '../store/attempts'
import type { SettingsRepository } from '../store/settings'
import { buildRequest, type SourceRequest } from './build-request'
import { answerHeaders } from './headers'
import {
  DEFAULT_FORWARDING,
  FORWARDING_SETTINGS_KEY,
  forwardingSettingsSchema,
  type ForwardingSettings,
} from './schemas'
import { DEFAULT_TIMEOUT_MS, sendRequest, type SendOptions, type SendResult } from './send'
import { checked } from './settings'
import { parseTarget, type SelfAddress } from './target'
import { WorkQueue } from './work-queue'

/** A registration's own forward target; it wins over the global one. */
export interface ForwardRoute {
  target: string | null
  /** The registration's receiver path prefix, stripped before the path is appended. */
  pathPrefix?: string
}

export interface ForwarderDeps {
  settings: SettingsRepository
  attempts: AttemptRepository
  self: () => SelfAddress
  timeoutMs?: () => number
  onAttempt?: (attempt: Attempt) => void
  /** Forwards in flight at once in `immediately` mode (default 4). */
  concurrency?: number
  /** Forwards waiting at most before new ones are recorded as failed (default 1000). */
  maxQueued?: number
  /** Body bytes held by the queue at most (default 64 MiB). */
  maxQueuedBytes?: number
  /** Largest target answer passed back in `with-target` mode (default 10 MiB). */
  answerLimitBytes?: number
  tls?: SendOptions['tls']
}

export const QUEUE_FULL = 'forward queue full'

const FAILED: Omit<SendResult, 'error'> = {
  status: null,
  responseHeaders: [],
  responseBody: Buffer.alloc(0),
  responseBodySize: 0,
  truncated: false,
  durationMs: 0,
}

/**
 * Live forwarding of captured deliveries. In `immediately` mode the sender is answered as
 * soon as the delivery is stored and forwards run behind it on a bounded queue; in
 * `with-target` mode the sender waits for (and receives) the target's answer.
 */
export class Forwarder {
  private current: ForwardingSettings
  private readonly queue: WorkQueue
  private closed = false

  constructor(private readonly deps: ForwarderDeps) {
    this.current = deps.settings.get(FORWARDING_SETTINGS_KEY, forwardingSettingsSchema, DEFAULT_FORWARDING)
    this.queue = new WorkQueue({
      concurrency: deps.concurrency ?? 4,
      maxItems: deps.maxQueued ?? 1000,
      maxBytes: deps.maxQueuedBytes ?? 64 * 1024 * 1024,
    })
  }

  getSettings(): ForwardingSettings {
    return { ...this.current }
  }

  /** Validates (the target too: absolute, not a loop), persists and applies new settings. */
  setSettings(input: Partial<ForwardingSettings>): ForwardingSettings {
    const merged = { ...this.current, ...input }
    const target = merged.target?.trim() ? merged.target.trim() : null
    const value = checked(forwardingSettingsSchema, { ...merged, target })
    if (target) parseTarget(target, this.deps.self())
    this.current = this.deps.settings.set(FORWARDING_SETTINGS_KEY, forwardingSettingsSchema, value)
    return this.getSettings()
  }

  /** True when a delivery on this route goes anywhere (so the receiver builds what it needs). */
  forwards(route?: ForwardRoute | null): boolean {
    return !this.closed && this.pick(route) !== null
  }

  /** True when the receiver must await forwardAndAnswer for this delivery's answer. */
  respondsWithTarget(route?: ForwardRoute | null): boolean {
    return this.current.respond === 'with-target' && this.pick(route) !== null
  }

  /** `immediately` mode: queue the forward and return at once; never slows ingest. */
  afterStored(delivery: SourceRequest, body: Buffer, route?: ForwardRoute | null): void {
    const pick = this.pick(route)
    if (!pick || this.closed || delivery.parseError) return
    const accepted = this.queue.tryPush(async () => {
      await this.forward(delivery, body, pick, {})
    }, body.length)
    if (!accepted) this.record(delivery.id, pick.target, { ...FAILED, error: QUEUE_FULL })
  }

  /**
   * `with-target` mode: forward now and give the sender the target's answer; 502 when the
   * target cannot be reached. Null when this delivery is not forwarded (answer as usual).
   */
  async forwardAndAnswer(
    delivery: SourceRequest,
    body: Buffer,
    route?: ForwardRoute | null,
  ): Promise<ReceiverAnswer | null> {
    const pick = this.pick(route)
    if (!pick || delivery.parseError) return null
    const limit = this.deps.answerLimitBytes ?? 10 * 1024 * 1024
    const result = await this.forward(delivery, body, pick, { keepBytes: limit, maxResponseBytes: limit })
    if (result.status === null || result.error) {
      return {
        status: 502,
        headers: [['Content-Type', 'application/json']],
        body: JSON.stringify({
          ok: false,
          id: delivery.id,
          error: `forwarding to ${pick.target} failed: ${result.error ?? 'no answer'}`,
        }),
      }
    }
    return { status: result.status, headers: answerHeaders(result.responseHeaders), body: result.responseBody }
  }

  /** Resolves when no queued forward is waiting or running. */
  idle(): Promise<void> {
    return this.queue.idle()
  }

  /** Stops accepting forwards and waits for those in flight (each bounded by the timeout). */
  async close(): Promise<void> {
    this.closed = true
    await this.queue.idle()
  }

  private pick(route?: ForwardRoute | null): { target: string; pathPrefix?: string } | null {
    if (!this.current.enabled) return null
    if (route?.target) return { target: route.target, pathPrefix: route.pathPrefix }
    return this.current.target ? { target: this.current.target } : null
  }

  private async forward(
    delivery: SourceRequest,
    body: Buffer,
    pick: { target: string; pathPrefix?: string },
    limits: Pick<SendOptions, 'keepBytes' | 'maxResponseBytes'>,
  ): Promise<SendResult> {
    const createdAt = Date.now()
    let result: SendResult
    try {
      // Checked again per forward: the receiver's port or public URL may have changed.
      const url = parseTarget(pick.target, this.deps.self())
      const built = buildRequest(delivery, body, url, { pathPrefix: pick.pathPrefix })
      result = await sendRequest(built.request, {
        ...limits,
        timeoutMs: this.deps.timeoutMs?.() ?? DEFAULT_TIMEOUT_MS,
        tls: this.deps.tls,
      })
    } catch (err) {
      result = { ...FAILED, error: err instanceof Error ? err.message : String(err) }
    }
    this.record(delivery.id, pick.target, result, createdAt)
    return result
  }

  private record(deliveryId: number, target: string, result: SendResult, createdAt = Date.now()): void {
    try {
      const attempt = this.deps.attempts.insert({
        kind: 'forward',
        deliveryId,
        target,
        ...result,
        edited: false,
        createdAt,
      })
      if (attempt) this.deps.onAttempt?.(attempt)
    } catch (err) {
      // The store may be closing; a lost forward record must not break capture.
      console.error('[hooktray] could not record a forward attempt:', err)
    }
  }
}
