import type { HooktrayEvent, Unsubscribe } from '../../../shared/contract'
import type { RendererClient } from '../client'
import type { AppStore } from './store'

/** When the window is hidden requestAnimationFrame stops; events still get applied this often. */
const HIDDEN_FLUSH_MS = 250

/**
 * Feeds the core's events into the store, at most once per frame: a burst of thousands of
 * deliveries becomes a few renders instead of thousands.
 */
export function connectLive(store: AppStore, client: RendererClient): Unsubscribe {
  let queue: HooktrayEvent[] = []
  let frame: number | null = null
  let timer: ReturnType<typeof setTimeout> | null = null

  const flush = (): void => {
    if (frame !== null) cancelAnimationFrame(frame)
    if (timer !== null) clearTimeout(timer)
    frame = null
    timer = null
    const events = queue
    queue = []
    if (events.length > 0) {
      store.getState().applyEvents(events)
      store.getState().applyReplayEvents(events)
      store.getState().applyTunnelEvents(events)
      store.getState().applyProviderEvents(events)
    }
  }

  const offEvent = client.onEvent((event) => {
    queue.push(event)
    if (frame === null) frame = requestAnimationFrame(flush)
    if (timer === null) timer = setTimeout(flush, HIDDEN_FLUSH_MS)
  })
  const offConnection = client.onConnection((state) => void store.getState().setConnection(state))
  void store.getState().init()
  void store.getState().loadProviders()

  return () => {
    offEvent()
    offConnection()
    flush()
  }
}
