import { createHttpClient } from './http-client'
import { createIpcClient } from './ipc-client'
import type { RendererClient } from './types'

export type { ConnectionState, RendererClient } from './types'

/** Inside Electron the preload provides window.api; in a browser we are served by `hooktray serve`. */
export function createClient(): RendererClient {
  return window.api ? createIpcClient(window.api) : createHttpClient()
}
