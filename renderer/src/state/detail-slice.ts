import type { StateCreator } from 'zustand'
import type { Delivery } from '../../../shared/types'
import type { RendererClient } from '../client'
import { BODY_FETCH_LIMIT } from '../lib/body'
import type { AppState } from './store'

export interface DetailState {
  id: number
  delivery: Delivery | null
  /** The first BODY_FETCH_LIMIT bytes at most; compare with delivery.bodySize. */
  body: Uint8Array | null
  loading: boolean
  error: string | null
}

export interface DetailSlice {
  detail: DetailState | null
  loadDetail(id: number): Promise<void>
}

export const createDetailSlice =
  (client: RendererClient): StateCreator<AppState, [], [], DetailSlice> =>
  (set, get) => ({
    detail: null,
    loadDetail: async (id) => {
      set({ detail: { id, delivery: null, body: null, loading: true, error: null } })
      try {
        const [delivery, body] = await Promise.all([
          client.getDelivery({ id }),
          client.getDeliveryBody({ id, limit: BODY_FETCH_LIMIT }),
        ])
        // The user may have moved on while this was in flight.
        if (get().detail?.id !== id) return
        set({ detail: { id, delivery, body, loading: false, error: null } })
      } catch (err) {
        if (get().detail?.id !== id) return
        set({ detail: { id, delivery: null, body: null, loading: false, error: err instanceof Error ? err.message : String(err) } })
      }
    },
  })
