import type { EventListener, HooktrayApi, Unsubscribe } from '../../shared/contract'

/** What electron/preload exposes under window.api: every contract method plus the event channel. */
export type PreloadApi = HooktrayApi & { onEvent(listener: EventListener): Unsubscribe }

declare global {
  interface Window {
    /** Present only inside the Electron shell; the browser (headless mode) talks HTTP instead. */
    api?: PreloadApi
  }
}
