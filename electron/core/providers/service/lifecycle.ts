// Keeping one registration in line with the public URL: register, update in place or re-create,
// retire what the old URL left behind, unregister. Each function runs inside the registration's
// queue slot, so two changes to one registration never interleave.
import { ApiError } from '../../../../shared/contract'
import { PROVIDER_INFO } from '../../../../shared/provider-schemas'
import type { RegistrationRow } from '../../store/registrations'
import { isProviderApiError, ProviderError } from '../errors'
import type { Registration } from '../types'
import { joinUrl } from '../util'
import { callContext, connectorOptions, type CallContext } from './context'
import { describeFailure, newId } from './describe'
import type { Env } from './env'
import { openMaterial, sealMaterial, type Material } from './material'

const WAITING = 'Waiting for a public URL: start the tunnel or set one, and it registers then.'

function label(call: CallContext): string {
  return PROVIDER_INFO[call.kind].label
}

function prepare(env: Env, row: RegistrationRow): { call: CallContext; material: Material } {
  const conn = env.connections.get(row.connectionId)
  if (!conn) throw new ApiError(404, `connection ${row.connectionId} not found`)
  const material = openMaterial(env.box, row.secrets)
  const options = connectorOptions(conn, row.options, material.userSecret)
  return { call: callContext(env.box, conn, options, env.http, env.signal), material }
}

function fail(env: Env, row: RegistrationRow, e: unknown): RegistrationRow | null {
  const f = describeFailure(e)
  const conn = env.connections.get(row.connectionId)
  const notice = f.kind === 'credentials' && conn ? `The provider refused the credentials of connection "${conn.name}": fix them there, then retry.` : null
  return env.save(row.id, { state: 'failed', error: f.message, errorKind: f.kind, notice })
}

/** Brings a live registration to "registered at publicUrl + receiverPath", or says why not. */
export async function sync(env: Env, id: string): Promise<RegistrationRow | null> {
  const row = env.registrations.get(id)
  if (!row || row.state === 'stale' || row.state === 'removed') return row
  const publicUrl = env.publicUrl()
  if (!publicUrl) {
    // A registered webhook keeps its URL while the tunnel is down: it may come back unchanged.
    if (row.state === 'registered') return row
    return env.save(id, { state: 'pending', error: null, errorKind: null, notice: WAITING })
  }
  const desired = joinUrl(publicUrl, row.receiverPath)
  if (row.state === 'registered' && row.targetUrl === desired) return row

  let call: CallContext
  let material: Material
  try {
    ;({ call, material } = prepare(env, row))
  } catch (e) {
    return fail(env, row, e)
  }
  const ctx = { ...call.ctx, publicUrl, receiverPath: row.receiverPath, generated: { secret: material.secret, credential: material.credential } }
  // targetUrl is what the provider currently holds (AI returns no ids, so the URL is all we know).
  const hasRemote = row.remoteIds.length > 0 || row.targetUrl !== null
  let reg: Registration
  let retireOld = hasRemote
  try {
    if (hasRemote && call.capabilities.update && row.remoteIds.length > 0 && call.connector.update) {
      retireOld = false
      const previous: Registration = {
        remoteIds: row.remoteIds,
        targetUrl: row.targetUrl ?? '',
        ...(material.secret ? { secret: material.secret } : {}),
        ...(material.credential ? { credential: material.credential } : {}),
        verify: material.verify,
        remote: [],
      }
      try {
        reg = await call.connector.update(ctx, previous)
      } catch (e) {
        // Deleted at the provider meanwhile: nothing left to update or retire, so create anew.
        if (!(e instanceof ProviderError && e.status === 404)) throw e
        reg = await call.connector.register(ctx)
      }
    } else {
      reg = await call.connector.register(ctx)
    }
  } catch (e) {
    env.noteCall(row.connectionId, e)
    if (isProviderApiError(e) && e.partial?.remoteIds.length) {
      insertStale(env, row, e.partial.remoteIds, desired, `Created before a later request of the group failed; ${leftBehind(call)}`)
    }
    return fail(env, row, e)
  }
  env.noteCall(row.connectionId, null)
  const next: Material = { ...material, verify: reg.verify }
  if (reg.secret) next.secret = reg.secret
  if (reg.credential) next.credential = reg.credential
  const saved = env.save(id, {
    state: 'registered',
    remoteIds: reg.remoteIds,
    targetUrl: reg.targetUrl,
    secrets: sealMaterial(env.box, next),
    error: null,
    errorKind: null,
    notice: null,
  })
  if (retireOld) await retire(env, call, row)
  return saved
}

function leftBehind(call: CallContext): string {
  const name = label(call)
  return call.capabilities.unregister
    ? `delete it with Remove (${name} can delete webhooks).`
    : `${name}'s API cannot delete webhooks: delete it in the ${name} console if it should go.`
}

function insertStale(env: Env, from: RegistrationRow, remoteIds: string[], targetUrl: string | null, notice: string): void {
  const now = Date.now()
  env.insert({
    ...from,
    id: newId(),
    state: 'stale',
    error: null,
    errorKind: null,
    notice,
    remoteIds,
    secrets: null,
    targetUrl,
    unregisterOnQuit: false,
    createdAt: now,
    updatedAt: now,
  })
}

/** What the old URL left at the provider after a re-create: deleted where possible, else kept as stale. */
async function retire(env: Env, call: CallContext, old: RegistrationRow): Promise<void> {
  if (call.capabilities.unregister && old.remoteIds.length > 0 && call.connector.unregister) {
    try {
      await call.connector.unregister(call.ctx, old.remoteIds)
      env.noteCall(old.connectionId, null)
      return
    } catch (e) {
      env.noteCall(old.connectionId, e)
      insertStale(env, old, old.remoteIds, old.targetUrl, `The public URL changed and deleting the old webhook failed: ${describeFailure(e).message}`)
      return
    }
  }
  const name = label(call)
  insertStale(env, old, old.remoteIds, old.targetUrl, `The public URL changed. ${name}'s API cannot change or delete webhooks, so it was registered again; this old one still exists at ${name}: delete it in the ${name} console.`)
}

/** Deletes the webhook at the provider where the API can; the row is kept as `removed`. */
export async function remove(env: Env, id: string): Promise<RegistrationRow> {
  const row = env.registrations.get(id)
  if (!row) throw new ApiError(404, `registration ${id} not found`)
  if (row.state === 'removed') return row
  const hasRemote = row.remoteIds.length > 0 || row.targetUrl !== null
  if (!hasRemote) return env.save(id, { state: 'removed', error: null, errorKind: null, notice: null }) ?? row
  let call: CallContext
  try {
    call = prepare(env, row).call
  } catch (e) {
    throw new ApiError(400, `cannot remove: ${describeFailure(e).message}`)
  }
  const name = label(call)
  if (call.capabilities.unregister && row.remoteIds.length > 0 && call.connector.unregister) {
    try {
      await call.connector.unregister(call.ctx, row.remoteIds)
      env.noteCall(row.connectionId, null)
    } catch (e) {
      env.noteCall(row.connectionId, e)
      const message = describeFailure(e).message
      env.save(id, { notice: `Deleting at ${name} failed: ${message}` })
      throw new ApiError(502, `${name} did not delete the webhook: ${message}`)
    }
    return env.save(id, { state: 'removed', error: null, errorKind: null, notice: null }) ?? row
  }
  const what = row.remoteIds.length ? `webhook ${row.remoteIds.join(', ')}` : `the webhook for ${row.targetUrl}`
  return (
    env.save(id, {
      state: 'removed',
      error: null,
      errorKind: null,
      notice: `${name}'s API cannot delete webhooks: ${what} still exists at ${name}; delete it in the ${name} console if it should go.`,
    }) ?? row
  )
}

/** Quit with "unregister on quit": delete remotely and go back to pending (same secret, new URL next time). */
export async function releaseOnQuit(env: Env, id: string): Promise<void> {
  const row = env.registrations.get(id)
  if (!row || row.state !== 'registered' || !row.unregisterOnQuit || row.remoteIds.length === 0) return
  const { call } = prepare(env, row)
  if (!call.capabilities.unregister || !call.connector.unregister) return
  await call.connector.unregister({ ...call.ctx, http: { ...call.ctx.http, maxRetries: 0 } }, row.remoteIds)
  env.save(id, {
    state: 'pending',
    remoteIds: [],
    targetUrl: null,
    notice: `Deleted at ${label(call)} when Hooktray quit; it registers again once a public URL exists.`,
  })
}

export { prepare as prepareCall }
