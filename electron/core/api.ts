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

/** One feature's share of the contract, taking already-validated arguments. */
export type ApiImpl<M extends MethodName> = {
  [K in M]: (args: ParsedArgsOf<K>) => Results[K] | Promise<Results[K]>
}

export function notFound(what: string, id: number | string): never {
  throw new ApiError(404, `${what} ${id} not found`)
}

export function toBytes(buf: Buffer): Uint8Array {
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)
}

/**
 * The contract implemented on top of the core's services, assembled from each feature's part.
 * Every method validates its arguments with the contract's schema first, whichever transport
 * called it.
 */
export function createApi(impl: ApiImpl<MethodName>): HooktrayApi {
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
