import type { StateCreator } from 'zustand'
import type { HooktrayEvent } from '../../../shared/contract'
import type { ForwardingSettings, ReplayOptions } from '../../../shared/replay-schemas'
import type { Attempt, BulkJob, DeliverySummary } from '../../../shared/types'
import type { RendererClient } from '../client'
import { rangeBetween } from '../lib/replay-form'
import { listFilterArgs } from './deliveries-slice'
import type { AppState } from './store'

export interface AttemptsState {
  deliveryId: number
  /** Newest first. */
  items: Attempt[]
  loading: boolean
  error: string | null
}

export interface RowClick {
  shift: boolean
  /** Ctrl (Cmd on macOS): add or remove one row. */
  toggle: boolean
}

export interface ReplaySlice {
  attempts: AttemptsState | null
  /** The attempt the user just made: its viewer opens by itself. */
  openAttemptId: number | null
  loadAttempts(deliveryId: number): Promise<void>
  /** Resolves with the attempt; rejects with the API's error (the panel shows its message). */
  replay(deliveryId: number, options: ReplayOptions): Promise<Attempt>
  /** The target's answer body as kept (up to 1 MiB). */
  fetchAttemptBody(id: number): Promise<Uint8Array>
  /** What an edited attempt sent, or null for one sent as captured. */
  fetchAttemptSent(id: number): ReturnType<RendererClient['getAttemptSent']>

  /** Rows picked for a bulk replay (a single click picks one). */
  picked: ReadonlySet<number>
  pickAnchor: number | null
  clickRow(id: number, click: RowClick): void
  /** Picks every delivery in the list's filter: the loaded rows at once, then the rest from the core. */
  pickAll(): Promise<void>
  clearPicked(): void

  /** The job this window started or found running; kept after it ends until dismissed. */
  job: BulkJob | null
  jobError: string | null
  startJob(target: string, concurrency: number): Promise<void>
  cancelJob(): Promise<void>
  dismissJob(): void
  /** Picks up a job still running (after a reload). */
  loadJobs(): Promise<void>

  forwarding: ForwardingSettings | null
  loadForwarding(): Promise<void>
  /** Rejects with the API's error ("would loop", …); the control shows it. */
  saveForwarding(patch: Partial<ForwardingSettings>): Promise<void>

  applyReplayEvents(events: HooktrayEvent[]): void
}

/** What one bulk replay job takes (bulkReplaySchema). */
const MAX_JOB_IDS = 100_000

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err))

function mergeAttempts(a: Attempt[], b: Attempt[]): Attempt[] {
  const byId = new Map<number, Attempt>()
  for (const x of [...a, ...b]) byId.set(x.id, x)
  return [...byId.values()].sort((x, y) => y.id - x.id)
}

/** Replay, bulk jobs, forwarding: server data kept current from the core's events. */
export const createReplaySlice =
  (client: RendererClient): StateCreator<AppState, [], [], ReplaySlice> =>
  (set, get) => ({
    attempts: null,
    openAttemptId: null,

    loadAttempts: async (deliveryId) => {
      const current = get().attempts
      const kept = current?.deliveryId === deliveryId ? current.items : []
      set({ attempts: { deliveryId, items: kept, loading: true, error: null } })
      try {
        const { items } = await client.listAttempts({ deliveryId })
        const now = get().attempts
        if (now?.deliveryId !== deliveryId) return
        // Attempts pushed while the list was in flight are kept.
        set({ attempts: { deliveryId, items: mergeAttempts(now.items, items), loading: false, error: null } })
      } catch (err) {
        const now = get().attempts
        if (now?.deliveryId !== deliveryId) return
        set({ attempts: { ...now, loading: false, error: message(err) } })
      }
    },

    replay: async (deliveryId, options) => {
      const attempt = await client.replayDelivery({ id: deliveryId, ...options })
      set({ openAttemptId: attempt.id })
      get().applyReplayEvents([{ type: 'attempt', attempt }])
      return attempt
    },

    fetchAttemptBody: (id) => client.getAttemptBody({ id }),
    fetchAttemptSent: (id) => client.getAttemptSent({ id }),

    picked: new Set(),
    pickAnchor: null,

    clickRow: (id, { shift, toggle }) => {
      const { picked, pickAnchor, items, selectedId } = get()
      // A lone pick is just the shown row; the arrow keys may have moved that since the click.
      const multi = picked.size > 1
      const base: ReadonlySet<number> = multi ? picked : new Set(selectedId === null ? [] : [selectedId])
      const anchor = multi ? pickAnchor : (selectedId ?? pickAnchor)
      if (shift) {
        const range = rangeBetween(
          items.map((d) => d.id),
          anchor,
          id,
        )
        set({ picked: new Set(toggle ? [...base, ...range] : range), pickAnchor: anchor })
        get().select(id)
      } else if (toggle) {
        const next = new Set(base)
        if (next.has(id)) next.delete(id)
        else {
          next.add(id)
          get().select(id)
        }
        set({ picked: next, pickAnchor: id })
      } else {
        set({ picked: new Set([id]), pickAnchor: id })
        get().select(id)
      }
    },

    pickAll: async () => {
      const mine = new Set(get().items.map((d) => d.id))
      set({ picked: mine })
      if (get().nextBefore === null) return
      const { generation } = get()
      try {
        const { ids, more } = await client.listDeliveryIds(listFilterArgs(get()))
        // A click or another filter since then wins.
        if (get().picked !== mine || get().generation !== generation) return
        // Rows that arrived meanwhile are picked too, newest first, within what one job takes.
        const all = [...new Set([...get().items.map((d) => d.id), ...ids])].sort((a, b) => b - a)
        const capped = all.length > MAX_JOB_IDS
        set({ picked: new Set(capped ? all.slice(0, MAX_JOB_IDS) : all) })
        if (more || capped) set({ jobError: `Selected the newest ${MAX_JOB_IDS.toLocaleString()}: a bulk replay takes at most that many at once` })
      } catch (err) {
        set({ jobError: message(err) })
      }
    },
    clearPicked: () => {
      const shown = get().selectedId
      set({ picked: new Set(shown === null ? [] : [shown]), pickAnchor: shown })
    },

    job: null,
    jobError: null,

    startJob: async (target, concurrency) => {
      // Arrival order is ascending id; the core sorts too, this only makes the request readable.
      const ids = [...get().picked].sort((a, b) => a - b)
      set({ jobError: null })
      try {
        const { id } = await client.startReplayJob({ ids, target, concurrency })
        // Progress events may already have filled this in.
        if (get().job?.id !== id) {
          set({ job: { id, state: 'running', target, total: ids.length, done: 0, ok: 0, failed: 0 } })
        }
        // A short job can end before its id is known here, so its last event was not followed: ask.
        const now = await client.getReplayJob({ id })
        const shown = get().job
        if (shown?.id === id && shown.state === 'running' && now.done >= shown.done) set({ job: now })
      } catch (err) {
        set({ jobError: message(err) })
      }
    },

    cancelJob: async () => {
      const job = get().job
      if (!job) return
      try {
        const next = await client.cancelReplayJob({ id: job.id })
        if (get().job?.id === next.id) set({ job: next })
      } catch (err) {
        set({ jobError: message(err) })
      }
    },

    dismissJob: () => set({ job: null, jobError: null }),

    loadJobs: async () => {
      try {
        const { items } = await client.listReplayJobs({})
        const running = items.find((j) => j.state === 'running')
        if (running && get().job === null) set({ job: running })
      } catch {
        // Only a convenience after a reload: the bar works without it.
      }
    },

    forwarding: null,
    loadForwarding: async () => {
      try {
        set({ forwarding: await client.getForwarding({}) })
      } catch (err) {
        set({ error: message(err) })
      }
    },
    saveForwarding: async (patch) => {
      set({ forwarding: await client.setForwarding(patch) })
    },

    applyReplayEvents: (events) => {
      const relevant = events.some((e) => e.type === 'attempt' || e.type === 'replay-job' || e.type === 'forwarding' || e.type === 'deliveries-cleared')
      if (!relevant) return
      let { attempts, job, forwarding, picked, items } = get()
      const forwards = new Map<number, Attempt>()
      for (const event of events) {
        if (event.type === 'attempt') {
          const a = event.attempt
          if (attempts?.deliveryId === a.deliveryId) attempts = { ...attempts, items: mergeAttempts(attempts.items, [a]) }
          if (a.kind === 'forward') forwards.set(a.deliveryId, a)
        } else if (event.type === 'replay-job') {
          // Follow the job shown, or a new one (from here or elsewhere) while none is running.
          if (job?.id === event.job.id || (event.job.state === 'running' && job?.state !== 'running')) {
            job = event.job
          }
        } else if (event.type === 'forwarding') {
          forwarding = event.forwarding
        } else if (event.type === 'deliveries-cleared') {
          attempts = null
          picked = new Set()
        }
      }
      if (forwards.size > 0) {
        let changed = false
        const next = items.map((d): DeliverySummary => {
          const a = forwards.get(d.id)
          if (!a) return d
          changed = true
          return { ...d, lastForward: { status: a.status, error: a.error } }
        })
        if (changed) items = next
      }
      set({ attempts, job, forwarding, picked, items })
    },
  })
