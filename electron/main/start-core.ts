import { createCore, type Core, type CoreOptions } from '../core/core'

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
