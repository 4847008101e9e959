import { createContext, useContext } from 'react'
import { createStore, useStore, type StoreApi } from 'zustand'
import type { RendererClient } from '../client'
import { createDeliveriesSlice, type DeliveriesSlice } from './deliveries-slice'
import { createDetailSlice, type DetailSlice } from './detail-slice'
import { createNotifySlice, type NotifySlice } from './notify-slice'
import { createProvidersSlice, type ProvidersSlice } from './providers-slice'
import { createReplaySlice, type ReplaySlice } from './replay-slice'
import { createTunnelSlice, type TunnelSlice } from './tunnel-slice'
import { createUiSlice, type UiSlice } from './ui-slice'

/** One store, three slices: server data (deliveries, detail) refreshed from events, and UI state. */
export type AppState = DeliveriesSlice & DetailSlice & UiSlice & ReplaySlice & ProvidersSlice & TunnelSlice & NotifySlice
export type AppStore = StoreApi<AppState>

export function createAppStore(client: RendererClient): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createDeliveriesSlice(client)(...a),
    ...createDetailSlice(client)(...a),
    ...createUiSlice(...a),
    ...createReplaySlice(client)(...a),
    ...createTunnelSlice(client)(...a),
    ...createProvidersSlice(client)(...a),
    ...createNotifySlice(client)(...a),
  }))
}

export const StoreContext = createContext<AppStore | null>(null)

export function useAppStore<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useAppStore outside <StoreContext.Provider>')
  return useStore(store, selector)
}
