import type { HooktrayApi } from '../../../shared/contract'
import { ApiError } from '../../../shared/errors'
import { METHOD_NAMES as methodNames } from '../../../shared/method-names'
import type { PreloadApi } from '../env'
import type { RendererClient } from './types'

/** Electron wraps rejections as "Error invoking remote method 'x': Error: message"; show only the message. */
function unwrap(err: unknown): never {
  if (err instanceof Error) {
    const message = err.message.replace(/^Error invoking remote method '[^']*': (?:\w*Error: )?/, '')
    const status = /not found/i.test(message) ? 404 : 500
    throw new ApiError(status, message)
  }
  throw err
}

export function createIpcClient(api: PreloadApi): RendererClient {
  const methods = {} as Record<string, (args: unknown) => Promise<unknown>>
  for (const name of methodNames) {
    const fn = api[name] as (args: unknown) => Promise<unknown>
    methods[name] = (args: unknown) => fn(args ?? {}).catch(unwrap)
  }
  return {
    ...(methods as HooktrayApi),
    transport: 'ipc',
    onEvent: (listener) => api.onEvent(listener),
    onConnection: (listener) => {
      listener('open')
      return () => {}
    },
  }
}
