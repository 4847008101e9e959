import { notFound, toBytes, type ApiImpl } from '../api'
import type { EventBus } from '../events'
import type { AttemptRepository } from '../store/attempts'
import type { SettingsRepository } from '../store/settings'
import type { Forwarder } from './forwarder'
import type { JobManager } from './jobs'
import type { Replayer } from './replayer'
import { getReplaySettings, setReplaySettings } from './settings'
import { hideInHeaders, hideInQuery, type HiddenCredential } from '../verify/redact'

export interface ReplayApiDeps {
  replayer: Replayer
  attempts: AttemptRepository
  jobs: JobManager
  forwarder: Forwarder
  settings: SettingsRepository
  events: EventBus
  /** The credential the delivery's registration carries, hidden in what was sent. */
  credentialForDelivery?(deliveryId: number): HiddenCredential | null
}

export function replayApi(deps: ReplayApiDeps): ApiImpl<
  | 'replayDelivery'
  | 'listAttempts'
  | 'getAttemptBody'
  | 'getAttemptSent'
  | 'startReplayJob'
  | 'getReplayJob'
  | 'cancelReplayJob'
  | 'listReplayJobs'
  | 'getForwarding'
  | 'setForwarding'
  | 'getReplaySettings'
  | 'setReplaySettings'
> {
  return {
    replayDelivery: ({ id, ...options }) => deps.replayer.replay(id, options),
    listAttempts: ({ deliveryId }) => ({ items: deps.attempts.listByDelivery(deliveryId) }),
    getAttemptBody: ({ id }) => toBytes(deps.attempts.body(id) ?? notFound('attempt', id)),
    getAttemptSent: ({ id }) => {
      const attempt = deps.attempts.get(id) ?? notFound('attempt', id)
      const sent = deps.attempts.sent(id)
      if (!sent) return null
      const cred = deps.credentialForDelivery?.(attempt.deliveryId) ?? null
      const request = cred ? { ...sent.request, query: hideInQuery(sent.request.query, cred), headers: hideInHeaders(sent.request.headers, cred) } : sent.request
      return { request, body: sent.body ? toBytes(sent.body) : null }
    },
    startReplayJob: (input) => deps.jobs.start(input),
    getReplayJob: ({ id }) => deps.jobs.get(id) ?? notFound('replay job', id),
    cancelReplayJob: ({ id }) => deps.jobs.cancel(id) ?? notFound('replay job', id),
    listReplayJobs: () => ({ items: deps.jobs.list() }),
    getForwarding: () => deps.forwarder.getSettings(),
    setForwarding: (patch) => {
      const next = deps.forwarder.setSettings(patch)
      deps.events.emit({ type: 'forwarding', forwarding: next })
      return next
    },
    getReplaySettings: () => getReplaySettings(deps.settings),
    setReplaySettings: (patch) => setReplaySettings(deps.settings, patch),
  }
}
