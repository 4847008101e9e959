import { z } from 'zod'
import type { Delivery, DeliveryPage, DeliverySummary, Status } from './types'

/**
 * THE contract between the core and every client (renderer over IPC, renderer over HTTP,
 * scripts over HTTP). Each method has a zod schema for its arguments, checked at every
 * boundary, and a result type. Add a feature by adding entries here; the IPC binding,
 * the preload, the HTTP RPC route and the renderer client all derive from these maps.
 */

const id = z.coerce.number().int().positive()

export const argSchemas = {
  listDeliveries: z.object({
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    before: z
      .string()
      .regex(/^\d+$/, 'before must be a cursor returned as nextBefore')
      .nullish(),
  }),
  getDelivery: z.object({ id }),
  getDeliveryBody: z.object({
    id,
    /** At most this many bytes from the start (the whole body when absent). */
    limit: z.coerce.number().int().min(0).optional(),
  }),
  clearDeliveries: z.object({}),
  getStatus: z.object({}),
} as const

export type MethodName = keyof typeof argSchemas
export type ArgsOf<M extends MethodName> = z.input<(typeof argSchemas)[M]>
export type ParsedArgsOf<M extends MethodName> = z.output<(typeof argSchemas)[M]>

export interface Results {
  listDeliveries: DeliveryPage
  getDelivery: Delivery
  getDeliveryBody: Uint8Array
  clearDeliveries: { deleted: number }
  getStatus: Status
}

/** What a client calls. Every method takes its argument object and returns a promise. */
export type HooktrayApi = {
  [M in MethodName]: (args: ArgsOf<M>) => Promise<Results[M]>
}

export const methodNames = Object.keys(argSchemas) as MethodName[]

/** Everything the core pushes, on one channel, discriminated by `type`. */
export type HooktrayEvent =
  | { type: 'delivery'; delivery: DeliverySummary }
  | { type: 'deliveries-cleared' }
  | { type: 'status'; status: Status }

export type EventListener = (event: HooktrayEvent) => void
export type Unsubscribe = () => void

/** The object a renderer talks to, whichever transport carries it. */
export interface HooktrayClient extends HooktrayApi {
  onEvent(listener: EventListener): Unsubscribe
  readonly transport: 'ipc' | 'http'
}

/** A failure that carries an HTTP-ish status so both transports can report it the same way. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = status === 404 ? 'not_found' : status === 400 ? 'bad_request' : 'error',
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export function parseArgs<M extends MethodName>(method: M, args: unknown): ParsedArgsOf<M> {
  const result = argSchemas[method].safeParse(args ?? {})
  if (!result.success) {
    const issue = result.error.issues[0]
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
    throw new ApiError(400, `${method}: ${where}${issue?.message ?? 'invalid arguments'}`)
  }
  return result.data as ParsedArgsOf<M>
}
