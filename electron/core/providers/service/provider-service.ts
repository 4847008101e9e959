// The provider layer as the core sees it: a cached route table for the capture path (inspect),
// re-signing for replay, reactions to public URL changes, and cleanup at quit. The contract's
// methods are in providers-api.ts.
import {
  DEFAULT_PROVIDER_SETTINGS,
  providerSettingsSchema,
  type ProviderSettings,
  type VerificationResult,
} from '../../../../shared/provider-schemas'
import type { HeaderPair } from '../../../../shared/types'
import type { EventBus } from '../../events'
import type { ForwardRoute, SelfAddress } from '../../replay'
import { openWith, sealWith, type SecretBox } from '../../secrets'
import { ConnectionRepository } from '../../store/connections'
import type { Db } from '../../store/db'
import type { DeliveryRepository } from '../../store/deliveries'
import { RegistrationRepository, type RegistrationRow } from '../../store/registrations'
import type { SettingsRepository } from '../../store/settings'
import { signDelivery, verifyDelivery, type HeaderInput } from '../../verify'
import { hiddenCredentialOf, type HiddenCredential } from '../../verify/redact'
import { HiddenCredentialRepository } from '../../store/hidden-credentials'
import { isProviderApiError, type HttpSettings } from '../index'
import type { Env } from './env'
import { KeyedQueue } from './keyed-queue'
import { releaseOnQuit, sync } from './lifecycle'
import { openMaterial } from './material'
import { findOrphans } from './orphans'
import { RouteTable, type RouteEntry } from './route-table'
import { connectionView, registrationView } from './views'

export const PROVIDER_SETTINGS_KEY = 'providers'

export interface ProviderServiceDeps {
  db: Db
  box: SecretBox
  events: EventBus
  settings: SettingsRepository
  deliveries: Pick<DeliveryRepository, 'get'>
  /** The current public URL (tunnel or manual), or null. */
  publicUrl(): string | null
  /** Where the receiver listens, so a registration's forward target pointing back at it is refused. */
  self?: () => SelfAddress
  http?: Partial<HttpSettings>
  /** Longest time shutdown() spends unregistering (default 5 s). */
  shutdownTimeoutMs?: number
}

/** What the capture path learns about a request before storing it. */
export interface Verdict {
  registrationId: string
  verification: VerificationResult
  verificationReason: string | null
  /** The status to answer the sender with. */
  status: number
  /** The registration's own forward target, if it has one. */
  route: ForwardRoute | null
  /** Never forward this delivery, not even to the global target (a removed registration's). */
  noForward?: boolean
}

export interface InspectedRequest {
  path: string
  query: string
  headers: HeaderInput
  body: Uint8Array
}

export type ProviderService = ReturnType<typeof createProviderService>

export function createProviderService(deps: ProviderServiceDeps) {
  const connections = new ConnectionRepository(deps.db)
  const registrations = new RegistrationRepository(deps.db)
  const routes = new RouteTable()
  const lifetime = new AbortController()
  let settings: ProviderSettings = deps.settings.get(PROVIDER_SETTINGS_KEY, providerSettingsSchema, DEFAULT_PROVIDER_SETTINGS)
  let closing = false

  const providerOf = (row: RegistrationRow) => connections.get(row.connectionId)?.provider ?? 'generic'

  /**
   * Registration id → the credential its deliveries carry, from a table that outlives the
   * registration (deleting a connection deletes its registrations, not their deliveries). A
   * secret this box cannot open still hides by where it travels.
   */
  const hidden = new HiddenCredentialRepository(deps.db)
  const openedSecrets = new Map<string, string | null>()
  const openSealed = (sealed: string): string | null => {
    if (!openedSecrets.has(sealed)) {
      let secret: string | null = null
      try {
        secret = openWith(deps.box, Buffer.from(sealed, 'base64'))
      } catch {
        // Sealed by another box (the desktop's keychain, an older key file): hide by location.
      }
      openedSecrets.set(sealed, secret)
    }
    return openedSecrets.get(sealed) ?? null
  }
  let credentials = new Map<string, HiddenCredential>()
  const loadCredentials = (): void => {
    const next = new Map<string, HiddenCredential>()
    for (const row of hidden.all()) {
      next.set(row.registrationId, { secret: openSealed(row.sealedSecret), authType: row.authType, queryParam: row.queryParam, headerName: row.headerName })
    }
    credentials = next
  }
  loadCredentials()

  const refreshRoutes = (): void => {
    const live = new Set(registrations.live().map((r) => r.id))
    const entries: RouteEntry[] = []
    // A removed registration's webhook may live on at a provider that cannot delete it: what it
    // still sends is attributed and checked (never forwarded), so the list says where it came from.
    const removed: RouteEntry[] = []
    let changed = false
    for (const r of registrations.all()) {
      let verify = null
      try {
        verify = openMaterial(deps.box, r.secrets).verify
      } catch {
        // Unreadable material: deliveries are still attributed, and verification says "not configured".
      }
      const cred = hiddenCredentialOf(verify)
      const known = credentials.get(r.id)
      if (cred?.secret && (known?.secret !== cred.secret || known.authType !== cred.authType || known.queryParam !== cred.queryParam || known.headerName !== cred.headerName)) {
        const sealedSecret = sealWith(deps.box, cred.secret).toString('base64')
        openedSecrets.set(sealedSecret, cred.secret)
        hidden.put({ registrationId: r.id, authType: cred.authType, queryParam: cred.queryParam, headerName: cred.headerName, sealedSecret })
        changed = true
      }
      if (live.has(r.id)) entries.push({ registrationId: r.id, receiverPath: r.receiverPath, verify, forwardTo: r.forwardTo })
      else if (r.state === 'removed') removed.push({ registrationId: r.id, receiverPath: r.receiverPath, verify, forwardTo: null, removed: true })
    }
    if (changed) loadCredentials()
    // Live entries last: on a shared path they win.
    routes.replace([...removed, ...entries])
  }

  const env: Env = {
    box: deps.box,
    connections,
    registrations,
    events: deps.events,
    ...(deps.http ? { http: deps.http } : {}),
    signal: lifetime.signal,
    queue: new KeyedQueue(),
    orphanReports: new Map(),
    publicUrl: deps.publicUrl,
    ...(deps.self ? { self: deps.self } : {}),
    save(id, patch) {
      const row = registrations.update(id, patch)
      refreshRoutes()
      if (row) deps.events.emit({ type: 'registration', registration: registrationView(deps.box, row, providerOf(row)) })
      return row
    },
    insert(row) {
      registrations.insert(row)
      refreshRoutes()
      deps.events.emit({ type: 'registration', registration: registrationView(deps.box, row, providerOf(row)) })
      return row
    },
    emitConnection(id) {
      const row = connections.get(id)
      if (row) deps.events.emit({ type: 'connection', connection: connectionView(deps.box, row, orphanCount(id)) })
    },
    noteCall(connectionId, error) {
      let next: string | null | undefined
      if (error === null) next = null
      else if (isProviderApiError(error) && error.failure === 'credentials') next = error.message
      if (next === undefined) return
      if (connections.setCredentialsError(connectionId, next)) env.emitConnection(connectionId)
    },
  }
  const orphanCount = (id: string): number | null => env.orphanReports.get(id)?.items.length ?? null

  const syncAll = async (): Promise<void> => {
    await Promise.all(registrations.live().map((r) => env.queue.run(r.id, () => sync(env, r.id)).catch(() => undefined)))
  }

  refreshRoutes()

  return {
    env,
    connectionView: (id: string) => {
      const row = connections.get(id)
      return row ? connectionView(deps.box, row, orphanCount(id)) : null
    },
    registrationView: (row: RegistrationRow) => registrationView(deps.box, row, providerOf(row)),

    /** Which registration a captured request belongs to, and whether it proves its sender. No I/O. */
    inspect(req: InspectedRequest): Verdict | null {
      const entry = routes.match(req.path)
      if (!entry) return null
      const r = verifyDelivery(entry.verify, { headers: req.headers, body: req.body, query: req.query })
      return {
        registrationId: entry.registrationId,
        verification: r.result,
        verificationReason: r.reason ?? null,
        status: r.result === 'failed' ? settings.failedVerificationStatus : 200,
        route: entry.forwardTo ? { target: entry.forwardTo, pathPrefix: entry.receiverPath } : null,
        ...(entry.removed ? { noForward: true } : {}),
      }
    },

    /** The credential a registration's deliveries carry (Aggregate Intelligence), to hide it outside the core. */
    credentialFor(registrationId: string | null): HiddenCredential | null {
      return registrationId ? (credentials.get(registrationId) ?? null) : null
    },

    /** Replay's Resigner: the signature headers for an edited body, from the delivery's registration. */
    resign(deliveryId: number, body: Buffer, headers: HeaderPair[]): HeaderPair[] | null {
      const regId = deps.deliveries.get(deliveryId)?.registrationId
      const row = regId ? registrations.get(regId) : null
      if (!row) return null
      let verify
      try {
        verify = openMaterial(deps.box, row.secrets).verify
      } catch {
        return null
      }
      if (!verify) return null
      const applied = signDelivery(verify, body)
      if (applied.headers.length === 0) return null
      return replaceHeaders(headers, applied.headers)
    },

    /** The tunnel announced a new public URL: bring every live registration in line. */
    onPublicUrlChanged(url: string | null): Promise<void> {
      if (!url || closing) return Promise.resolve()
      return syncAll()
    },

    /** At startup: register what waits for the URL, then look for orphans at listable providers. */
    async start(): Promise<void> {
      if (deps.publicUrl()) await syncAll()
      await Promise.all(
        connections.all().map((c) => env.queue.run(`connection:${c.id}`, () => findOrphans(env, c.id)).catch(() => undefined)),
      )
    },

    getSettings: (): ProviderSettings => ({ ...settings }),
    setSettings(input: Partial<ProviderSettings>): ProviderSettings {
      settings = deps.settings.set(PROVIDER_SETTINGS_KEY, providerSettingsSchema, { ...settings, ...input })
      return { ...settings }
    },

    /** Settles when every queued provider operation has finished (tests, shutdown). */
    idle: () => env.queue.idle(),

    /**
     * Unregisters what the user marked "unregister on quit", within a time budget, then cancels
     * whatever provider call is still running so quitting never hangs on a slow API.
     */
    async shutdown(): Promise<void> {
      if (closing) return
      closing = true
      const budget = AbortSignal.timeout(deps.shutdownTimeoutMs ?? 5_000)
      const release = Promise.all(
        registrations
          .live()
          .filter((r) => r.unregisterOnQuit && r.state === 'registered')
          .map((r) =>
            env.queue.run(r.id, () => releaseOnQuit(env, r.id)).catch((e: unknown) => {
              console.error(`[hooktray] could not unregister ${r.receiverPath} on quit: ${e instanceof Error ? e.message : String(e)}`)
            }),
          ),
      )
      await Promise.race([release, new Promise((resolve) => budget.addEventListener('abort', resolve, { once: true }))])
      lifetime.abort(new Error('Hooktray is quitting'))
      await env.queue.idle()
    },
  }
}

/** Replaces same-named headers in place (first occurrence, original case kept), appends the rest. */
export function replaceHeaders(headers: HeaderPair[], replacements: [string, string][]): HeaderPair[] {
  let out = headers.map(([n, v]): HeaderPair => [n, v])
  for (const [name, value] of replacements) {
    const lower = name.toLowerCase()
    const first = out.findIndex(([n]) => n.toLowerCase() === lower)
    if (first === -1) {
      out.push([name, value])
      continue
    }
    out = out.filter(([n], i) => i === first || n.toLowerCase() !== lower)
    out[first] = [out[first]![0], value]
  }
  return out
}
