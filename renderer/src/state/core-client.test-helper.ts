// For the renderer's state tests: the client the store talks to, wired straight to a real core
// in the same process (what the IPC transport gives the desktop app, minus Electron).
import type { Core } from '../../../electron/core/core'
import type { RendererClient } from '../client'

export function coreClient(core: Core): RendererClient {
  return {
    ...core.api,
    transport: 'ipc',
    onEvent: (listener) => core.events.subscribe(listener),
    onConnection: (listener) => {
      listener('open')
      return () => {}
    },
  }
}
