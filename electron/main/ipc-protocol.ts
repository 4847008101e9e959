import type { MethodName } from '../../shared/contract'

// The wire between the main process and the preload. Type-only imports: the sandboxed preload
// bundles this file, and it must not drag zod or Node modules along.

/** Every core event travels on this one channel. */
export const EVENT_CHANNEL = 'hooktray:event'

export function methodChannel(name: MethodName): `hooktray:${MethodName}` {
  return `hooktray:${name}`
}

export interface IpcFailure {
  status: number
  message: string
}

/**
 * Handlers always resolve with this envelope: a thrown error would reach the page as Electron's
 * "Error invoking remote method …" text with the status lost; the preload rethrows failures itself.
 */
export type IpcReply<T = unknown> = { ok: true; value: T } | { ok: false; error: IpcFailure }
