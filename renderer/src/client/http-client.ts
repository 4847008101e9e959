import type { EventListener, HooktrayApi, HooktrayEvent } from '../../../shared/contract'
import { ApiError } from '../../../shared/errors'
// The zod-free list: the renderer bundle needs the names, not the schemas.
import { METHOD_NAMES as methodNames } from '../../../shared/method-names'
import { decodeWire } from '../../../shared/wire'
import type { ConnectionListener, ConnectionState, RendererClient } from './types'

const RETRY_MIN_MS = 1000
const RETRY_MAX_MS = 15_000

async function rpc(base: string, method: string, args: unknown): Promise<unknown> {
  let res: Response
  try {
    res = await fetch(`${base}/api/rpc/${method}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(args ?? {}),
    })
  } catch {
    throw new ApiError(503, 'Hooktray is not reachable: is `hooktray serve` still running?', 'unreachable')
  }
  const text = await res.text()
  if (!res.ok) {
    let message = `${method} failed with HTTP ${res.status}`
    try {
      const body = JSON.parse(text) as { error?: unknown }
      if (typeof body.error === 'string') message = body.error
    } catch {
      // Not our JSON error shape (a proxy page?): keep the generic message.
    }
    throw new ApiError(res.status, message)
  }
  return decodeWire(text)
}

/**
 * The contract over the headless server: one POST per method (derived from the contract's
 * method list, so new methods need no change here) and one EventSource for events.
 */
export function createHttpClient(base = ''): RendererClient {
  const methods = {} as Record<string, (args: unknown) => Promise<unknown>>
  for (const name of methodNames) methods[name] = (args: unknown) => rpc(base, name, args)

  const listeners = new Set<EventListener>()
  const connectionListeners = new Set<ConnectionListener>()
  let source: EventSource | null = null
  let state: ConnectionState = 'connecting'
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  let retryDelay = RETRY_MIN_MS

  const setState = (next: ConnectionState): void => {
    if (next === state) return
    state = next
    for (const l of connectionListeners) l(next)
  }

  const open = (): void => {
    const es = new EventSource(`${base}/api/events`, { withCredentials: true })
    source = es
    es.onopen = () => {
      retryDelay = RETRY_MIN_MS
      setState('open')
    }
    es.onmessage = (message: MessageEvent<string>) => {
      let event: HooktrayEvent
      try {
        event = decodeWire<HooktrayEvent>(message.data)
      } catch {
        return
      }
      for (const l of listeners) l(event)
    }
    es.onerror = () => {
      if (state === 'open') setState('reconnecting')
      // EventSource retries by itself unless the server refused outright (401, wrong type): then we do.
      if (es.readyState === EventSource.CLOSED && source === es) {
        source = null
        retryTimer = setTimeout(() => {
          retryTimer = null
          if (listeners.size > 0 || connectionListeners.size > 0) open()
        }, retryDelay)
        retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS)
      }
    }
  }

  const ensureOpen = (): void => {
    if (!source && !retryTimer) open()
  }

  const maybeClose = (): void => {
    if (listeners.size > 0 || connectionListeners.size > 0) return
    source?.close()
    source = null
    if (retryTimer) clearTimeout(retryTimer)
    retryTimer = null
    state = 'connecting'
  }

  return {
    ...(methods as HooktrayApi),
    transport: 'http',
    onEvent: (listener) => {
      listeners.add(listener)
      ensureOpen()
      return () => {
        listeners.delete(listener)
        maybeClose()
      }
    },
    onConnection: (listener) => {
      connectionListeners.add(listener)
      listener(state)
      ensureOpen()
      return () => {
        connectionListeners.delete(listener)
        maybeClose()
      }
    },
  }
}
