import {
  ApiError,
  methodNames,
  parseArgs,
  type ArgsOf,
  type HooktrayApi,
  type MethodName,
  type ParsedArgsOf,
  type Results,
} from '../../shared/contract'
import type { Status } from '../../shared/types'
import type { EventBus } from './events'
import type { DeliveryRepository } from './store/deliveries'

export interface ApiServices {
  deliveries: DeliveryRepository
  events: EventBus
  status(): Status
}

type Impl = { [M in MethodName]: (args: ParsedArgsOf<M>) => Results[M] | Promise<Results[M]> }

function notFound(what: string, id: number): never {
  throw new ApiError(404, `${what} ${id} not found`)
}

/**
 * The contract implemented on top of the core's services. Every method validates its
 * arguments with the contract's schema first, whichever transport called it.
 */
export function createApi(services: ApiServices): HooktrayApi {
  const impl: Impl = {
    listDeliveries: ({ limit, before }) =>
      services.deliveries.list(limit, before == null ? null : Number(before)),
    getDelivery: ({ id }) => services.deliveries.get(id) ?? notFound('delivery', id),
    getDeliveryBody: ({ id, limit }) => {
      const body = services.deliveries.body(id, limit)
      if (!body) notFound('delivery', id)
      return new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
    },
    clearDeliveries: () => {
      const deleted = services.deliveries.clear()
      services.events.emit({ type: 'deliveries-cleared' })
      return { deleted }
    },
    getStatus: () => services.status(),
  }

  const api = {} as Record<MethodName, (args: unknown) => Promise<unknown>>
  for (const name of methodNames) {
    const fn = impl[name] as (args: unknown) => unknown
    api[name] = async (args: unknown) => fn(parseArgs(name, args))
  }
  return api as HooktrayApi
}

/** Calls a method by name with unvalidated input (what the transports receive). */
export function invoke<M extends MethodName>(api: HooktrayApi, method: M, args: unknown): Promise<Results[M]> {
  return (api[method] as (a: ArgsOf<M>) => Promise<Results[M]>)(args as ArgsOf<M>)
}

export function isMethodName(name: string): name is MethodName {
  return (methodNames as string[]).includes(name)
}
