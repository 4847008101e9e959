import { createCore, type Core, type CoreOptions } from '../core/core'
import { startAutomationApi, type AutomationApi } from '../cli/automation'

// No Electron here: the port policy is tested under plain Node.

export const DEFAULT_PORT = 8787

/** HOOKTRAY_PORT when it is a valid port (0 = any free port), else the well-known 8787. */
export function receiverPort(value: string | undefined): number {
  if (value === undefined || !/^\d{1,5}$/.test(value.trim())) return DEFAULT_PORT
  const port = Number(value)
  return port <= 65535 ? port : DEFAULT_PORT
}

/**
 * Starts the core on the wanted port, or on a free one when another program (often
 * `hooktray serve`) already holds it: a tray app that refuses to start is worse than one whose
 * receiver URL differs, and the URL is shown everywhere.
 */
export async function startCore(options: CoreOptions & { port: number }): Promise<Core> {
  try {
    return await createCore(options)
  } catch (err) {
    if (options.port === 0 || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err
    console.warn(`[hooktray] port ${options.port} is in use; the receiver takes a free port instead`)
    return createCore({ ...options, port: 0 })
  }
}

/**
 * The desktop app's automation API: the same loopback HTTP + SSE contract as `hooktray serve`
 * (API only, random token, 127.0.0.1), published in `<data-dir>/runtime.json` so `hooktray replay`
 * and scripts reach the running app. HOOKTRAY_API=off leaves it out; HOOKTRAY_API_PORT picks the
 * port (default: any free one). A failure to start it is said and the app runs on without it.
 */
export async function startDesktopApi(core: Core, env: NodeJS.ProcessEnv = process.env): Promise<AutomationApi | null> {
  if (/^(off|0|false|no)$/i.test(env.HOOKTRAY_API ?? '')) return null
  const port = env.HOOKTRAY_API_PORT && /^\d{1,5}$/.test(env.HOOKTRAY_API_PORT) && Number(env.HOOKTRAY_API_PORT) <= 65535 ? Number(env.HOOKTRAY_API_PORT) : 0
  try {
    const api = await startAutomationApi(core, { port })
    api.publish()
    return api
  } catch (err) {
    console.warn(`[hooktray] the automation API could not start (${(err as Error).message}); \`hooktray replay\` will not find this app`)
    return null
  }
}
