import type { EventListener, HooktrayEvent, Unsubscribe } from '../../shared/contract'

/** The single stream of pushed changes. Every subscribe returns its unsubscribe. */
export class EventBus {
  private readonly listeners = new Set<EventListener>()

  subscribe(listener: EventListener): Unsubscribe {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  emit(event: HooktrayEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event)
      } catch (err) {
        // One broken subscriber (a closed SSE socket, a destroyed window) must not stop the others.
        console.error('[hooktray] event listener failed:', err)
      }
    }
  }

  get size(): number {
    return this.listeners.size
  }
}
