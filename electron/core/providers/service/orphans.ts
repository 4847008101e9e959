// Webhooks at the provider that no stored registration knows: left by an earlier run, a crash
// mid-registration, or another install. Found through list(), removed only on request.
import { ApiError } from '../../../../shared/contract'
import { PROVIDER_INFO, type OrphanReport } from '../../../../shared/provider-schemas'
import type { ConnectionRow } from '../../store/connections'
import { callContext, connectionCapabilities, asKind } from './context'
import { describeFailure, looksLikeReceiverUrl } from './describe'
import type { Env } from './env'
import { getConnector } from '../index'

// list() needs valid connector options; registration-only fields get harmless stand-ins.
const STAND_INS: Record<string, Record<string, unknown>> = {
  mycirrus: { instrument: '-' },
  droplit: { ecosystemId: '-' },
}

function connectionCall(env: Env, conn: ConnectionRow) {
  const kind = asKind(conn.provider)
  const options = getConnector(kind).validateOptions({ ...STAND_INS[kind], ...conn.options, ...(conn.baseUrl ? { baseUrl: conn.baseUrl } : {}) })
  return callContext(env.box, conn, options, env.http, env.signal)
}

/** Remote ids any stored registration (of any state but removed) accounts for. */
function knownIds(env: Env): Map<string, string> {
  const known = new Map<string, string>()
  for (const r of env.registrations.all()) if (r.state !== 'removed') for (const id of r.remoteIds) known.set(id, r.id)
  return known
}

export async function findOrphans(env: Env, connectionId: string): Promise<OrphanReport> {
  const conn = env.connections.get(connectionId)
  if (!conn) throw new ApiError(404, `connection ${connectionId} not found`)
  const caps = connectionCapabilities(conn)
  const base = { connectionId, supported: caps.list, removable: caps.unregister, items: [], error: null }
  if (!caps.list) return base
  let report: OrphanReport
  try {
    const call = connectionCall(env, conn)
    const remote = await call.connector.list!(call.ctx)
    env.noteCall(connectionId, null)
    const known = knownIds(env)
    const items = remote
      .filter((w) => w.id && !known.has(w.id))
      .map((w) => ({ remoteId: w.id, url: w.url, events: w.events, looksLikeHooktray: looksLikeReceiverUrl(w.url) }))
    report = { ...base, items }
  } catch (e) {
    env.noteCall(connectionId, e)
    report = { ...base, error: describeFailure(e).message }
  }
  env.orphanReports.set(connectionId, report)
  env.emitConnection(connectionId)
  return report
}

export async function removeOrphans(
  env: Env,
  connectionId: string,
  remoteIds: string[],
): Promise<{ removed: string[]; failed: { remoteId: string; error: string }[] }> {
  const conn = env.connections.get(connectionId)
  if (!conn) throw new ApiError(404, `connection ${connectionId} not found`)
  const caps = connectionCapabilities(conn)
  const name = PROVIDER_INFO[asKind(conn.provider)].label
  if (!caps.unregister) throw new ApiError(400, `${name}'s API cannot delete webhooks: remove them in the ${name} console`)
  // Checked again now, not against the report: a registration may have been made since.
  const known = knownIds(env)
  for (const id of remoteIds) {
    const owner = known.get(id)
    if (owner) throw new ApiError(400, `webhook ${id} belongs to registration ${owner}: remove that registration instead`)
  }
  const call = connectionCall(env, conn)
  const removed: string[] = []
  const failed: { remoteId: string; error: string }[] = []
  for (const id of remoteIds) {
    try {
      await call.connector.unregister!(call.ctx, [id])
      removed.push(id)
      env.noteCall(connectionId, null)
    } catch (e) {
      env.noteCall(connectionId, e)
      failed.push({ remoteId: id, error: describeFailure(e).message })
    }
  }
  const report = env.orphanReports.get(connectionId)
  if (report) env.orphanReports.set(connectionId, { ...report, items: report.items.filter((o) => !removed.includes(o.remoteId)) })
  env.emitConnection(connectionId)
  return { removed, failed }
}
