import type { StateCreator } from 'zustand'
import type { HooktrayEvent } from '../../../shared/contract'
import type { DeliverySummary, Status } from '../../../shared/types'
import type { ConnectionState, RendererClient } from '../client'
import { mergeNewestFirst, pageContinues } from './merge'
import type { AppState } from './store'

export const PAGE_SIZE = 100

/** The list's filter as the contract's listDeliveries / listDeliveryIds arguments. */
export function listFilterArgs(s: Pick<AppState, 'registrationFilter' | 'listFilter'>): { registrationId?: string; pathPrefix?: string } {
  return {
    ...(s.registrationFilter ? { registrationId: s.registrationFilter } : {}),
    ...(s.listFilter?.pathPrefix ? { pathPrefix: s.listFilter.pathPrefix } : {}),
  }
}
/** Beyond this many rows in memory the oldest are dropped; scrolling down fetches them again. */
export const MAX_IN_MEMORY = 20_000

export interface DeliveriesSlice {
  items: DeliverySummary[]
  nextBefore: string | null
  loaded: boolean
  loadingMore: boolean
  /** Deliveries in the store (not just loaded): the last status snapshot plus what arrived since. */
  total: number
  status: Status | null
  connection: ConnectionState
  error: string | null
  /** Bumped by every clear so a page requested before it is not mistaken for current data. */
  generation: number
  init(): Promise<void>
  loadMore(): Promise<void>
  applyEvents(events: HooktrayEvent[]): void
  /** Resolves once any catch-up fetch it started is done. */
  setConnection(state: ConnectionState): Promise<void>
  clearAll(): Promise<void>
  dismissError(): void
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err))

function capped(items: DeliverySummary[], nextBefore: string | null): Pick<DeliveriesSlice, 'items' | 'nextBefore'> {
  if (items.length <= MAX_IN_MEMORY) return { items, nextBefore }
  const kept = items.slice(0, MAX_IN_MEMORY)
  return { items: kept, nextBefore: String(kept[kept.length - 1]!.id) }
}

export const createDeliveriesSlice =
  (client: RendererClient): StateCreator<AppState, [], [], DeliveriesSlice> =>
  (set, get) => {
    // The Connections page can narrow the list to one registration's deliveries.
    // A grouped notification's click narrows it to a path prefix.
    const filter = () => listFilterArgs(get())
    const fetchFirstPage = async (): Promise<void> => {
      const generation = get().generation
      const [status, page] = await Promise.all([
        client.getStatus({}),
        client.listDeliveries({ limit: PAGE_SIZE, ...filter() }),
      ])
      if (get().generation !== generation) return fetchFirstPage()
      const { items } = get()
      if (!get().loaded || pageContinues(items, page.items)) {
        const merged = mergeNewestFirst(items, page.items)
        // Keep the cursor we already paged to unless this is the first page we hold.
        const nextBefore = get().loaded ? get().nextBefore : page.nextBefore
        set({ ...capped(merged, nextBefore), status, total: Math.max(status.deliveryCount, merged.length), loaded: true })
      } else {
        const selectedId = get().selectedId
        const stillThere = selectedId !== null && page.items.some((d) => d.id === selectedId)
        set({
          items: page.items,
          nextBefore: page.nextBefore,
          status,
          total: status.deliveryCount,
          loaded: true,
          ...(stillThere ? {} : { selectedId: null, detail: null }),
        })
      }
    }

    return {
      items: [],
      nextBefore: null,
      loaded: false,
      loadingMore: false,
      total: 0,
      status: null,
      connection: 'connecting',
      error: null,
      generation: 0,

      init: async () => {
        try {
          await fetchFirstPage()
          set({ error: null })
        } catch (err) {
          set({ error: message(err) })
        }
      },

      loadMore: async () => {
        const { nextBefore, loadingMore, generation } = get()
        if (nextBefore === null || loadingMore) return
        set({ loadingMore: true })
        try {
          const page = await client.listDeliveries({ limit: PAGE_SIZE, before: nextBefore, ...filter() })
          if (get().generation !== generation || get().nextBefore !== nextBefore) return
          set({ items: mergeNewestFirst(get().items, page.items), nextBefore: page.nextBefore })
        } catch (err) {
          set({ error: message(err) })
        } finally {
          set({ loadingMore: false })
        }
      },

      applyEvents: (events) => {
        const state = get()
        let { items, nextBefore, total, status, generation, selectedId, detail } = state
        let incoming: DeliverySummary[] = []
        for (const event of events) {
          if (event.type === 'deliveries-cleared') {
            items = []
            incoming = []
            nextBefore = null
            total = 0
            generation += 1
            selectedId = null
            detail = null
          } else if (event.type === 'delivery') {
            const only = state.registrationFilter
            const prefix = state.listFilter?.pathPrefix
            if ((!only || event.delivery.registrationId === only) && (!prefix || event.delivery.path.startsWith(prefix))) {
              incoming.push(event.delivery)
            }
            total += 1
          } else if (event.type === 'status') {
            status = event.status
            total = event.status.deliveryCount
          }
        }
        const merged = mergeNewestFirst(items, incoming)
        set({ ...capped(merged, nextBefore), total: Math.max(total, merged.length), status, generation, selectedId, detail })
      },

      setConnection: (connection) => {
        const previous = get().connection
        set({ connection })
        // Back after a gap: whatever was pushed meanwhile is lost, so ask again.
        if (connection === 'open' && previous === 'reconnecting') return get().init()
        return Promise.resolve()
      },

      clearAll: async () => {
        const generation = get().generation
        try {
          await client.clearDeliveries({})
          // The core pushes deliveries-cleared too; apply it here only if that has not arrived yet.
          if (get().generation === generation) get().applyEvents([{ type: 'deliveries-cleared' }])
        } catch (err) {
          set({ error: message(err) })
        }
      },

      dismissError: () => set({ error: null }),
    }
  }
