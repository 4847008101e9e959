import { join } from 'node:path'
import type { HooktrayApi } from '../../shared/contract'
import type { Attempt, DeliverySummary, Status } from '../../shared/types'
import { createApi } from './api'
import { deliveriesApi, hideSummaryCredential } from './deliveries-api'
import { EventBus } from './events'
import { notifyApi } from './notify/notify-api'
import { NotifyService } from './notify/notify-service'
import type { FailureInput } from './notify/types'
import { jsonAnswer, startReceiver, storedAnswer, type CapturedRequest, type Receiver, type ReceiverAnswer } from './receiver/receiver'
import { Forwarder, JobManager, Replayer, getReplaySettings } from './replay'
import { replayApi } from './replay/replay-api'
import { AttemptRepository } from './store/attempts'
import { openDatabase, type Db } from './store/db'
import { DeliveryRepository, type NewDelivery } from './store/deliveries'
import { startCheckpointer } from './store/checkpointer'
import { GroupCommitter } from './store/group-commit'
import { SettingsRepository } from './store/settings'
import { createKeyFileBox, type SecretBox } from './secrets'
import { createProviderService, providersApi, type ProviderService, type Verdict } from './providers/service'
import { createTunnelService, type TunnelService } from './tunnel/tunnel-service'
import type { TunnelConfigInput } from '../../shared/tunnel-schemas'
import { VERSION } from './version'

export interface CoreOptions {
  dataDir: string
  /** Receiver bind address; 127.0.0.1 unless the user says otherwise. */
  host?: string
  /** Receiver port; 0 picks a free one. */
  port?: number
  bodyLimit?: number
  /** better-sqlite3 addon built for the running runtime (Electron passes its own). */
  nativeBinding?: string
  /** How credentials and webhook secrets are encrypted at rest; default: a key file in dataDir. */
  secretBox?: SecretBox
  /** Tunnel to start now (CLI flags); otherwise the stored configuration, if any. */
  tunnel?: TunnelConfigInput
  /** Give up on a tunnel that shows no public URL within this long (default 30 s). */
  tunnelStartTimeoutMs?: number
}

export interface Core {
  api: HooktrayApi
  events: EventBus
  db: Db
  receiver: Receiver
  tunnel: TunnelService
  /** Provider connections and registrations (re-registers when the public URL changes). */
  providers: ProviderService
  /** Settles once the initial tunnel start has connected or failed (rejects on a bad CLI config). */
  ready: Promise<void>
  dataDir: string
  status(): Status
  /**
   * Reports a failure to the notification policy. Forward failures, tunnel errors, failed
   * registrations and failed verifications are already picked up from the events; call this
   * for any other failure the user should hear about.
   */
  notifyFailure(input: FailureInput): void
  close(): Promise<void>
}

export const DATABASE_FILE = 'hooktray.db'

/** Wires the services together. Runs under plain Node and inside Electron's main process alike. */
export async function createCore(options: CoreOptions): Promise<Core> {
  // First: a key file readable by others must stop the start before anything is opened.
  const secretBox = options.secretBox ?? createKeyFileBox(options.dataDir)
  const file = join(options.dataDir, DATABASE_FILE)
  const db = openDatabase({ file, nativeBinding: options.nativeBinding })
  const checkpointer = await startCheckpointer(db, { file, nativeBinding: options.nativeBinding })
  const events = new EventBus()
  const settings = new SettingsRepository(db)
  const deliveries = new DeliveryRepository(db)
  const attempts = new AttemptRepository(db)
  const committer = new GroupCommitter<NewDelivery, DeliverySummary>((items) => deliveries.insertBatch(items))
  let receiver: Receiver | null = null
  let tunnel: TunnelService | null = null
  const self = () => ({ receiverPort: receiver?.port ?? 0, receiverHost: receiver?.host, publicUrl: tunnel?.status().publicUrl ?? null })
  const providers = createProviderService({ db, box: secretBox, events, settings, deliveries, publicUrl: () => tunnel?.status().publicUrl ?? null, self })

  const timeoutMs = () => getReplaySettings(settings).timeoutMs
  const onAttempt = (attempt: Attempt) => events.emit({ type: 'attempt', attempt })
  const replayer = new Replayer({
    deliveries,
    attempts,
    self,
    timeoutMs,
    onAttempt,
    resign: (id, body, headers) => providers.resign(id, body, headers),
    credentialFor: (id) => providers.credentialFor(id),
  })
  const forwarder = new Forwarder({ settings, attempts, self, timeoutMs, onAttempt })
  const jobs = new JobManager({ replayer, onProgress: (job) => events.emit({ type: 'replay-job', job }) })
  const notify = new NotifyService({
    events,
    settings,
    context: () => ({
      receiverUrl: receiver?.url ?? '',
      tunnel: tunnel?.status() ?? { mode: 'none', state: 'stopped', publicUrl: null, error: null },
      deliveryCount: deliveries.count(),
      forwarding: forwarder.getSettings(),
    }),
    deliveryPath: (id) => deliveries.get(id)?.path ?? null,
  })

  const store = async (request: CapturedRequest, responseStatus: number, verdict?: Verdict | null): Promise<DeliverySummary> => {
    // The captured request becomes the stored row as it is: no copy per delivery.
    const item: NewDelivery = Object.assign(request, {
      responseStatus,
      registrationId: verdict?.registrationId ?? null,
      verification: verdict?.verification ?? null,
      verificationReason: verdict?.verificationReason ?? null,
    })
    const summary = await committer.submit(item)
    // The event leaves the core: a credential in the query shows as a marker (the summary itself
    // stays as stored, for forwarding).
    events.emit({ type: 'delivery', delivery: summary.registrationId ? hideSummaryCredential(summary, providers.credentialFor(summary.registrationId)) : summary })
    notify.onDelivery(summary, request)
    return summary
  }

  // Store first, always; only then answer (and forward).
  const handle = async (request: CapturedRequest): Promise<ReceiverAnswer> => {
    if (request.parseError) {
      await store(request, 400)
      return jsonAnswer(400, { ok: false })
    }
    // Which provider registration's path this is, and whether the sender proved who it is (no I/O).
    const verdict = providers.inspect(request)
    if (verdict?.verification === 'failed') {
      // Stored and flagged, never forwarded: nothing downstream should act on it.
      await store(request, verdict.status, verdict)
      return jsonAnswer(verdict.status, { ok: false, error: 'verification failed' })
    }
    const summary = await store(request, 200, verdict)
    const route = verdict?.route
    if (!verdict?.noForward && forwarder.forwards(route)) {
      const delivery = { ...summary, headers: request.headers, httpVersion: request.httpVersion }
      if (forwarder.respondsWithTarget(route)) {
        const answer = await forwarder.forwardAndAnswer(delivery, request.body, route)
        if (answer) {
          if (answer.status !== 200) deliveries.setResponseStatus(summary.id, answer.status)
          return answer
        }
      } else {
        forwarder.afterStored(delivery, request.body, route)
      }
    }
    return storedAnswer(summary.id)
  }

  try {
    receiver = await startReceiver({
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      bodyLimit: options.bodyLimit,
      handle,
    })
  } catch (err) {
    await checkpointer.close()
    db.close()
    throw err
  }
  const rx = receiver
  const tunnelService = createTunnelService({
    dataDir: options.dataDir,
    receiverUrl: rx.url,
    settings,
    events,
    startTimeoutMs: options.tunnelStartTimeoutMs,
    box: secretBox,
    onPublicUrlChanged: (url) => void providers.onPublicUrlChanged(url),
  })
  tunnel = tunnelService

  const status = (): Status => ({
    version: VERSION,
    receiver: { url: rx.url, host: rx.host, port: rx.port, bodyLimit: options.bodyLimit ?? 10 * 1024 * 1024 },
    tunnel: tunnelService.status(),
    deliveryCount: deliveries.count(),
    dataDir: options.dataDir,
    tray: notify.trayStatus(),
  })

  const api = createApi({
    ...deliveriesApi({ deliveries, attempts, events, status, credentialFor: (id) => providers.credentialFor(id) }),
    ...replayApi({
      replayer,
      attempts,
      jobs,
      forwarder,
      settings,
      events,
      credentialForDelivery: (id) => providers.credentialFor(deliveries.get(id)?.registrationId ?? null),
    }),
    ...tunnelService.api,
    ...providersApi(providers),
    ...notifyApi({ notify }),
  })
  // The tunnel comes up in the background: cloudflared may take seconds, capture works meanwhile.
  const booting = tunnelService.boot(options.tunnel)
  booting.catch(() => undefined) // reported through `ready` and the tunnel's error state
  // Registers what waits for a URL and looks for orphans; each outcome is on its registration.
  void providers.start().catch((err: unknown) => console.error('[hooktray] provider start-up check failed:', err))
  // Registrations already failing when the app starts show on the tray icon.
  api.listRegistrations({}).then(({ items }) => notify.noteRegistrations(items), () => undefined)

  let closing: Promise<void> | null = null
  // The contract's "status changed": pushed when the tunnel, the tray or a clear changes it (for
  // clients that watch only this, e.g. scripts on /api/events), coalesced to one per turn. Not per
  // delivery: each delivery has its own event.
  let statusQueued = false
  const offStatus = events.subscribe((event) => {
    if (statusQueued || (event.type !== 'tunnel' && event.type !== 'tray' && event.type !== 'deliveries-cleared')) return
    statusQueued = true
    setImmediate(() => {
      statusQueued = false
      if (!closing) events.emit({ type: 'status', status: status() })
    })
  })
  return {
    api,
    events,
    db,
    receiver: rx,
    tunnel: tunnelService,
    providers,
    ready: booting,
    dataDir: options.dataDir,
    status,
    notifyFailure: (input) => notify.failure(input),
    close: () =>
      (closing ??= (async () => {
        offStatus()
        await providers.shutdown()
        notify.dispose()
        await tunnelService.dispose()
        await rx.close()
        jobs.close()
        await forwarder.close()
        committer.close()
        await checkpointer.close()
        db.close()
      })()),
  }
}
