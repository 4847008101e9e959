// The contract over loopback HTTP + SSE, and the runtime file other `hooktray` commands use to
// find it. `hooktray serve` runs it with the inspector's files; the desktop app runs it API-only,
// so `hooktray replay` and scripts work against whichever Hooktray is running.
import { randomBytes } from 'node:crypto'
import type { Core } from '../core/core'
import { startInspectorServer, type InspectorServer } from './http-server'
import { notifyRoutes } from './notify-routes'
import { providerRoutes } from './provider-routes'
import { replayRoutes } from './replay-routes'
import { contractRoutes } from './routes'
import { readRuntimeFile, removeRuntimeFile, writeRuntimeFile } from './runtime-file'
import type { Route } from './router'

export interface AutomationApiOptions {
  host?: string
  /** 0 (the default) picks a free port. */
  port?: number
  /** Random unless given. */
  token?: string
  /** The built renderer to serve beside the API; null serves the API alone. */
  rendererDir?: string | null
}

export interface AutomationApi {
  inspector: InspectorServer
  token: string
  /**
   * Writes `<data-dir>/runtime.json` (0600): how `hooktray replay` finds this instance. Returns
   * false, writing nothing, when another live process (the app beside a serve) already has it.
   */
  publish(): boolean
  /** Stops the server and removes the runtime file if it is still this process's. */
  close(): Promise<void>
}

/** Every HTTP route of the contract, for one core. */
export function apiRoutes(core: Core): Route[] {
  const deps = { api: core.api, events: core.events }
  return [...contractRoutes(deps), ...replayRoutes(deps), ...notifyRoutes({ api: core.api }), ...providerRoutes({ api: core.api })]
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export async function startAutomationApi(core: Core, options: AutomationApiOptions = {}): Promise<AutomationApi> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const inspector = await startInspectorServer({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    token,
    routes: apiRoutes(core),
    rendererDir: options.rendererDir ?? null,
  })
  let published = false
  let closing: Promise<void> | null = null
  return {
    inspector,
    token,
    publish() {
      const current = readRuntimeFile(core.dataDir)
      if (current && current.pid !== process.pid && isAlive(current.pid)) {
        console.warn(`[hooktray] another Hooktray (pid ${current.pid}) is published in ${core.dataDir}; \`hooktray replay\` will talk to that one`)
        return false
      }
      writeRuntimeFile(core.dataDir, { pid: process.pid, apiUrl: `http://127.0.0.1:${inspector.port}`, token, receiverUrl: core.receiver.url })
      published = true
      return true
    },
    close: () =>
      (closing ??= (async () => {
        await inspector.close()
        // Another instance may have written its own since (a serve started beside the app).
        if (published && readRuntimeFile(core.dataDir)?.pid === process.pid) removeRuntimeFile(core.dataDir)
      })()),
  }
}
