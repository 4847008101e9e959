import { join } from 'node:path'
import type { HooktrayApi } from '../../shared/contract'
import type { DeliverySummary, Status, TunnelStatus } from '../../shared/types'
import { createApi } from './api'
import { EventBus } from './events'
import { jsonAnswer, startReceiver, type CapturedRequest, type Receiver } from './receiver/receiver'
import { openDatabase, type Db } from './store/db'
import { DeliveryRepository, type NewDelivery } from './store/deliveries'
import { GroupCommitter } from './store/group-commit'
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
}

export interface Core {
  api: HooktrayApi
  events: EventBus
  db: Db
  receiver: Receiver
  dataDir: string
  status(): Status
  close(): Promise<void>
}

export const DATABASE_FILE = 'hooktray.db'

/** Wires the services together. Runs under plain Node and inside Electron's main process alike. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const db = openDatabase({ file: join(options.dataDir, DATABASE_FILE), nativeBinding: options.nativeBinding })
  const events = new EventBus()
  const deliveries = new DeliveryRepository(db)
  const committer = new GroupCommitter<NewDelivery, DeliverySummary>((items) => deliveries.insertBatch(items))
  const tunnel: TunnelStatus = { mode: 'none', state: 'stopped', publicUrl: null, error: null }

  const store = async (request: CapturedRequest, responseStatus: number): Promise<DeliverySummary> => {
    const summary = await committer.submit({ ...request, responseStatus })
    events.emit({ type: 'delivery', delivery: summary })
    return summary
  }

  let receiver: Receiver
  try {
    receiver = await startReceiver({
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      bodyLimit: options.bodyLimit,
      handle: async (request) => {
        if (request.parseError) {
          await store(request, 400)
          return jsonAnswer(400, { ok: false })
        }
        const summary = await store(request, 200)
        return jsonAnswer(200, { ok: true, id: summary.id })
      },
    })
  } catch (err) {
    db.close()
    throw err
  }

  const status = (): Status => ({
    version: VERSION,
    receiver: {
      url: receiver.url,
      host: receiver.host,
      port: receiver.port,
      bodyLimit: options.bodyLimit ?? 10 * 1024 * 1024,
    },
    tunnel,
    deliveryCount: deliveries.count(),
    dataDir: options.dataDir,
  })

  const api = createApi({ deliveries, events, status })

  let closing: Promise<void> | null = null
  return {
    api,
    events,
    db,
    receiver,
    dataDir: options.dataDir,
    status,
    close: () =>
      (closing ??= (async () => {
        await receiver.close()
        committer.close()
        db.close()
      })()),
  }
}

export type { TunnelStatus }
