import type { StateCreator } from 'zustand'
import type { ArgsOf, HooktrayEvent } from '../../../shared/contract'
import type { ConnectionView, OrphanReport, ProviderSettings, RegistrationView, TestDeliveryResult } from '../../../shared/provider-schemas'
import type { RendererClient } from '../client'
import type { AppState } from './store'

export interface ProvidersSlice {
  connections: ConnectionView[]
  /** Every registration, removed ones too: a delivery's detail may point at one. */
  registrations: RegistrationView[]
  providersLoaded: boolean
  providersError: string | null
  orphans: Record<string, OrphanReport>
  /** The last "send test" outcome per registration. */
  testResults: Record<string, TestDeliveryResult>
  /** Show only deliveries of this registration (null: all). */
  registrationFilter: string | null
  /** What the receiver answers a sender that fails verification, etc. (null: not loaded). */
  providerSettings: ProviderSettings | null
  loadProviders(): Promise<void>
  loadProviderSettings(): Promise<void>
  /** Rejects with the API's error (the field shows its words). */
  saveProviderSettings(patch: ArgsOf<'setProviderSettings'>): Promise<ProviderSettings>
  /** These reject with the API's error: the form shows its words. */
  createConnection(args: ArgsOf<'createConnection'>): Promise<ConnectionView>
  updateConnection(args: ArgsOf<'updateConnection'>): Promise<ConnectionView>
  createRegistration(args: ArgsOf<'createRegistration'>): Promise<RegistrationView>
  /** These keep their error in providersError. */
  deleteConnection(id: string): Promise<void>
  deleteRegistration(id: string): Promise<void>
  /** Clears a registration's notice once read (a removed one then leaves the list). */
  dismissRegistrationNotice(id: string): Promise<void>
  retryRegistration(id: string): Promise<void>
  testRegistration(id: string): Promise<void>
  findOrphans(connectionId: string): Promise<void>
  removeOrphans(connectionId: string, remoteIds: string[]): Promise<void>
  setRegistrationFilter(id: string | null): void
  dismissProvidersError(): void
  applyProviderEvents(events: HooktrayEvent[]): void
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err))

function upsert<T extends { id: string }>(list: T[], item: T): T[] {
  const at = list.findIndex((x) => x.id === item.id)
  if (at === -1) return [...list, item]
  const next = list.slice()
  next[at] = item
  return next
}

/** Connections and registrations: server data, kept current from the core's events. */
export const createProvidersSlice =
  (client: RendererClient): StateCreator<AppState, [], [], ProvidersSlice> =>
  (set, get) => {
    const guard = async (fn: () => Promise<void>): Promise<void> => {
      try {
        await fn()
      } catch (err) {
        set({ providersError: message(err) })
      }
    }
    const putRegistration = (r: RegistrationView) => set({ registrations: upsert(get().registrations, r) })
    const putConnection = (c: ConnectionView) => set({ connections: upsert(get().connections, c) })

    return {
      connections: [],
      registrations: [],
      providersLoaded: false,
      providersError: null,
      orphans: {},
      testResults: {},
      registrationFilter: null,
      providerSettings: null,

      loadProviderSettings: () => guard(async () => set({ providerSettings: await client.getProviderSettings({}) })),
      saveProviderSettings: async (patch) => {
        const next = await client.setProviderSettings(patch)
        set({ providerSettings: next })
        return next
      },

      loadProviders: () =>
        guard(async () => {
          const [c, r] = await Promise.all([client.listConnections({}), client.listRegistrations({ includeRemoved: true })])
          set({ connections: c.items, registrations: r.items, providersLoaded: true, providersError: null })
        }),

      createConnection: async (args) => {
        const c = await client.createConnection(args)
        putConnection(c)
        return c
      },
      updateConnection: async (args) => {
        const c = await client.updateConnection(args)
        putConnection(c)
        return c
      },
      createRegistration: async (args) => {
        const r = await client.createRegistration(args)
        putRegistration(r)
        return r
      },
      deleteConnection: (id) =>
        guard(async () => {
          await client.deleteConnection({ id })
          set({ connections: get().connections.filter((c) => c.id !== id), registrations: get().registrations.filter((r) => r.connectionId !== id) })
        }),
      deleteRegistration: (id) => guard(async () => putRegistration(await client.deleteRegistration({ id }))),
      dismissRegistrationNotice: (id) => guard(async () => putRegistration(await client.updateRegistration({ id, dismissNotice: true }))),
      retryRegistration: (id) => guard(async () => putRegistration(await client.retryRegistration({ id }))),
      testRegistration: (id) =>
        guard(async () => {
          const result = await client.testRegistration({ id })
          set({ testResults: { ...get().testResults, [id]: result } })
        }),
      findOrphans: (connectionId) =>
        guard(async () => {
          const report = await client.findOrphans({ connectionId })
          set({ orphans: { ...get().orphans, [connectionId]: report } })
        }),
      removeOrphans: (connectionId, remoteIds) =>
        guard(async () => {
          const result = await client.removeOrphans({ connectionId, remoteIds })
          if (result.failed.length) set({ providersError: result.failed.map((f) => `${f.remoteId}: ${f.error}`).join('\n') })
          await get().findOrphans(connectionId)
        }),

      setRegistrationFilter: (id) => {
        if (id === get().registrationFilter) return
        // The list is refetched for the new filter; a selection from the old list may not be in it.
        set({ registrationFilter: id, items: [], nextBefore: null, loaded: false, selectedId: null, detail: null, picked: new Set(), pickAnchor: null, generation: get().generation + 1 })
        void get().init()
      },
      dismissProvidersError: () => set({ providersError: null }),

      applyProviderEvents: (events) => {
        for (const e of events) {
          if (e.type === 'connection') putConnection(e.connection)
          else if (e.type === 'registration') putRegistration(e.registration)
          else if (e.type === 'connection-deleted') {
            set({
              connections: get().connections.filter((c) => c.id !== e.id),
              registrations: get().registrations.filter((r) => r.connectionId !== e.id),
            })
          }
        }
      },
    }
  }
