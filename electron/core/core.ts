import { join } from 'node:path'
import type { HooktrayApi } from '../../shared/contract'
import type { Attempt, DeliverySummary, Status } from '../../shared/types'
import { createApi } from './api'
import { deliveriesApi } from './deliveries-api'
import { EventBus } from './events'
import { jsonAnswer, startReceiver, type CapturedRequest, type Receiver, type ReceiverAnswer } from './receiver/receiver'
import { Forwarder, JobManager, Replayer, getReplaySettings } from './replay'
import { replayApi } from './replay/replay-api'
import { AttemptRepository } from './store/attempts'
import { openDatabase, type Db } from './store/db'
import { DeliveryRepository, type NewDelivery } from './store/deliveries'
import { GroupCommitter } from './store/group-commit'
import { SettingsRepository } from './store/settings'
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
  /** Settles once the initial tunnel start has connected or failed (rejects on a bad CLI config). */
  ready: Promise<void>
  dataDir: string
  status(): Status
  close(): Promise<void>
}

export const DATABASE_FILE = 'hooktray.db'

/** Wires the services together. Runs under plain Node and inside Electron's main process alike. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const db = openDatabase({ file: join(options.dataDir, DATABASE_FILE), nativeBinding: options.nativeBinding })
  const events = new EventBus()
  const settings = new SettingsRepository(db)
  const deliveries = new DeliveryRepository(db)
  const attempts = new AttemptRepository(db)
  const committer = new GroupCommitter<NewDelivery, DeliverySummary>((items) => deliveries.insertBatch(items))
  let receiver: Receiver | null = null
  let tunnel: TunnelService | null = null

  const self = () => ({ receiverPort: receiver?.port ?? 0, receiverHost: receiver?.host, publicUrl: tunnel?.status().publicUrl ?? null })
  const timeoutMs = () => getReplaySettings(settings).timeoutMs
  const onAttempt = (attempt: Attempt) => events.emit({ type: 'attempt', attempt })
  const replayer = new Replayer({ deliveries, attempts, self, timeoutMs, onAttempt })
  const forwarder = new Forwarder({ settings, attempts, self, timeoutMs, onAttempt })
  const jobs = new JobManager({ replayer, onProgress: (job) => events.emit({ type: 'replay-job', job }) })

  const store = async (request: CapturedRequest, responseStatus: number): Promise<DeliverySummary> => {
    const summary = await committer.submit({ ...request, responseStatus })
    events.emit({ type: 'delivery', delivery: summary })
    return summary
  }

  // Store first, always; only then answer (and forward).
  const handle = async (request: CapturedRequest): Promise<ReceiverAnswer> => {
    if (request.parseError) {
      await store(request, 400)
      return jsonAnswer(400, { ok: false })
    }
    const summary = await store(request, 200)
    const delivery = { ...summary, headers: request.headers, httpVersion: request.httpVersion }
    if (forwarder.respondsWithTarget()) {
      const answer = await forwarder.forwardAndAnswer(delivery, request.body)
      if (answer) {
        if (answer.status !== 200) deliveries.setResponseStatus(summary.id, answer.status)
        return answer
      }
    } else {
      forwarder.afterStored(delivery, request.body)
    }
    return jsonAnswer(200, { ok: true, id: summary.id })
  }

  try {
    receiver = await startReceiver({
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      bodyLimit: options.bodyLimit,
      handle,
    })
  } catch (err) {
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
  })
  tunnel = tunnelService

  const status = (): Status => ({
    version: VERSION,
    receiver: { url: rx.url, host: rx.host, port: rx.port, bodyLimit: options.bodyLimit ?? 10 * 1024 * 1024 },
    tunnel: tunnelService.status(),
    deliveryCount: deliveries.count(),
    dataDir: options.dataDir,
  })

  const api = createApi({
    ...deliveriesApi({ deliveries, attempts, events, status }),
    ...replayApi({ replayer, attempts, jobs, forwarder, settings, events }),
    ...tunnelService.api,
  })
  // The tunnel comes up in the background: cloudflared may take seconds, capture works meanwhile.
  const booting = tunnelService.boot(options.tunnel)
  booting.catch(() => undefined) // reported through `ready` and the tunnel's error state

  let closing: Promise<void> | null = null
  return {
    api,
    events,
    db,
    receiver: rx,
    tunnel: tunnelService,
    ready: booting,
    dataDir: options.dataDir,
    status,
    close: () =>
      (closing ??= (async () => {
        await tunnelService.dispose()
        await rx.close()
        jobs.close()
        await forwarder.close()
        committer.close()
        db.close()
      })()),
  }
}
