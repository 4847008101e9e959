// Test support: a provider service on a real SQLite file in a temp dir, with the key-file box,
// a settable public URL, and HTTP settings that record waits instead of sleeping.
import { join } from 'node:path'
import { parseArgs, type HooktrayEvent, type ArgsOf, type Results } from '../../../../shared/contract'
import { tempDir } from '../../../../tests/helpers/http'
import { EventBus } from '../../events'
import { createKeyFileBox } from '../../secrets'
import { openDatabase } from '../../store/db'
import { DeliveryRepository } from '../../store/deliveries'
import { SettingsRepository } from '../../store/settings'
import { recordingHttp } from '../testing/capture'
import { createProviderService, type ProviderService } from './provider-service'
import { providersApi, type ProviderMethod } from './providers-api'

export interface Harness {
  service: ProviderService
  events: HooktrayEvent[]
  dir: string
  setPublicUrl(url: string | null): Promise<void>
  call<M extends ProviderMethod>(method: M, args: ArgsOf<M>): Promise<Results[M]>
  close(): Promise<void>
}

export function startHarness(publicUrl: string | null = null): Harness {
  const t = tempDir('hooktray-providers-')
  const db = openDatabase({ file: join(t.dir, 'h.db') })
  const bus = new EventBus()
  const events: HooktrayEvent[] = []
  bus.subscribe((e) => events.push(e))
  let url = publicUrl
  const service = createProviderService({
    db,
    box: createKeyFileBox(t.dir),
    events: bus,
    settings: new SettingsRepository(db),
    deliveries: new DeliveryRepository(db),
    publicUrl: () => url,
    http: recordingHttp().http,
    shutdownTimeoutMs: 3000,
  })
  const api = providersApi(service)
  return {
    service,
    events,
    dir: t.dir,
    setPublicUrl: async (next) => {
      url = next
      await service.onPublicUrlChanged(next)
    },
    call: async (method, args) => {
      const fn = api[method] as (a: unknown) => unknown
      return (await fn(parseArgs(method, args))) as Results[typeof method]
    },
    close: async () => {
      await service.shutdown()
      db.close()
      t.cleanup()
    },
  }
}

/** Every string in `value` (deeply), for "no secret leaks" assertions. */
export function serialised(value: unknown): string {
  return JSON.stringify(value)
}
