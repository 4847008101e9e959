// Registrations: create (then register when a public URL exists), change, retry.
import { ZodError } from 'zod'
import { ApiError, type ParsedArgsOf } from '../../../../shared/contract'
import type { RegistrationRow } from '../../store/registrations'
import { parseTarget, TARGET_MESSAGE } from '../../replay/target'
import { getConnector } from '../index'
import { asKind, connectorOptions } from './context'
import { newId, RECEIVER_PATH_PREFIX, zodMessage } from './describe'
import type { Env } from './env'
import { sync } from './lifecycle'
import { sealMaterial } from './material'

function checkForwardTo(env: Env, value: string | null | undefined): string | null {
  const v = value?.trim()
  if (!v) return null
  // The same checks as the global target: absolute http(s), no credentials in it, and not
  // Hooktray's own receiver.
  try {
    parseTarget(v, env.self?.())
  } catch (e) {
    if (!(e instanceof ApiError)) throw e
    throw new ApiError(400, e.message === TARGET_MESSAGE ? `forwardTo must be an absolute http(s) URL, got "${v}"` : `forwardTo: ${e.message}`)
  }
  return v
}

export async function createRegistration(env: Env, input: ParsedArgsOf<'createRegistration'>): Promise<RegistrationRow> {
  const conn = env.connections.get(input.connectionId)
  if (!conn) throw new ApiError(404, `connection ${input.connectionId} not found`)
  const kind = asKind(conn.provider)
  // A secret the user chose is a secret: it goes into the sealed material, not the options.
  const { secret, ...options } = input.options
  if (kind !== 'mycirrus' && secret !== undefined) {
    throw new ApiError(400, `options.secret: ${conn.provider} generates its own secret; only MyCirrus lets you choose one`)
  }
  const userSecret = kind === 'mycirrus' && typeof secret === 'string' && secret.trim() ? secret : undefined
  if (kind === 'mycirrus' && options.type !== undefined) {
    // The issue's spelling: one `type`, the same as `types: [type]`.
    if (options.types !== undefined) throw new ApiError(400, 'options: give either type or types, not both')
    if (typeof options.type !== 'string') throw new ApiError(400, 'options.type must be a string, e.g. "NewMeasurement"')
    options.types = [options.type]
    delete options.type
  }
  // A misspelt option must not be dropped in silence (the webhook would be made without it).
  const shape = (getConnector(kind).optionsSchema as { shape?: Record<string, unknown> }).shape
  if (shape) {
    const unknown = Object.keys(options).filter((key) => !(key in shape))
    if (unknown.length) {
      throw new ApiError(400, `options: unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} for ${conn.provider} (known: ${Object.keys(shape).join(', ')})`)
    }
  }
  try {
    connectorOptions(conn, options, userSecret)
  } catch (e) {
    if (e instanceof ZodError) throw new ApiError(400, `options: ${zodMessage(e)}`)
    throw e
  }
  const forwardTo = checkForwardTo(env, input.forwardTo)
  const id = newId()
  const now = Date.now()
  env.insert({
    id,
    connectionId: conn.id,
    receiverPath: `${RECEIVER_PATH_PREFIX}${id}`,
    options,
    state: 'pending',
    error: null,
    errorKind: null,
    notice: null,
    remoteIds: [],
    secrets: sealMaterial(env.box, { verify: null, ...(userSecret ? { userSecret } : {}) }),
    targetUrl: null,
    forwardTo,
    unregisterOnQuit: input.unregisterOnQuit,
    createdAt: now,
    updatedAt: now,
  })
  const row = await env.queue.run(id, () => sync(env, id))
  return row ?? env.registrations.get(id)!
}

export function updateRegistration(env: Env, input: ParsedArgsOf<'updateRegistration'>): RegistrationRow {
  const row = env.registrations.get(input.id)
  if (!row) throw new ApiError(404, `registration ${input.id} not found`)
  return (
    env.save(row.id, {
      ...(input.forwardTo !== undefined ? { forwardTo: checkForwardTo(env, input.forwardTo) } : {}),
      ...(input.unregisterOnQuit !== undefined ? { unregisterOnQuit: input.unregisterOnQuit } : {}),
      ...(input.dismissNotice ? { notice: null } : {}),
    }) ?? row
  )
}

export async function retryRegistration(env: Env, id: string): Promise<RegistrationRow> {
  const row = env.registrations.get(id)
  if (!row) throw new ApiError(404, `registration ${id} not found`)
  if (row.state === 'stale' || row.state === 'removed') throw new ApiError(409, `registration ${id} is ${row.state}: register a new one instead`)
  return (await env.queue.run(id, () => sync(env, id))) ?? row
}
