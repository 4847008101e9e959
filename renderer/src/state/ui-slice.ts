import type { StateCreator } from 'zustand'
import type { AppState } from './store'

export type BodyMode = 'pretty' | 'raw' | 'hex'

/** Top-level pages; each feature adds its own (see components/NavTabs.tsx). */
export type Page = 'deliveries' | 'connections' | 'settings'

export interface UiSlice {
  page: Page
  setPage(page: Page): void
  selectedId: number | null
  /** The user's choice for text bodies. */
  bodyMode: BodyMode
  /** A choice made on one non-text body; those default to Hex whatever bodyMode says. */
  bodyModeOverride: { id: number; mode: BodyMode } | null
  select(id: number | null): void
  /** Returns the index now selected (-1 when the list is empty) so the list can scroll to it. */
  moveSelection(delta: number): number
  setBodyMode(mode: BodyMode, binaryId?: number): void
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  page: 'deliveries',
  setPage: (page) => set({ page }),
  selectedId: null,
  bodyMode: 'pretty',
  bodyModeOverride: null,

  select: (id) => {
    if (id === get().selectedId) return
    set({ selectedId: id, bodyModeOverride: null })
    if (id === null) set({ detail: null })
    else void get().loadDetail(id)
  },

  moveSelection: (delta) => {
    const { items, selectedId } = get()
    if (items.length === 0) return -1
    const at = selectedId === null ? -1 : items.findIndex((d) => d.id === selectedId)
    const next = at === -1 ? 0 : Math.max(0, Math.min(items.length - 1, at + delta))
    get().select(items[next]!.id)
    return next
  },

  setBodyMode: (mode, binaryId) => {
    if (binaryId === undefined) set({ bodyMode: mode, bodyModeOverride: null })
    else set({ bodyModeOverride: { id: binaryId, mode } })
  },
})
