// "Send test": ask the provider for a test delivery where its API has one (WebhooksApi
// POST /test/{id}); otherwise post a correctly signed sample to the registered public URL, which
// proves the tunnel, the receiver path and verification end to end.
import { ApiError } from '../../../../shared/contract'
import { PROVIDER_INFO, type TestDeliveryResult } from '../../../../shared/provider-schemas'
import { signDelivery } from '../../verify'
import { isProviderApiError } from '../errors'
import { describeFailure } from './describe'
import type { Env } from './env'
import { prepareCall } from './lifecycle'

const TIMEOUT_MS = 10_000

export async function testDelivery(env: Env, id: string): Promise<TestDeliveryResult> {
  const row = env.registrations.get(id)
  if (!row) throw new ApiError(404, `registration ${id} not found`)
  if (row.state !== 'registered' || !row.targetUrl) throw new ApiError(409, `registration ${id} is ${row.state}: there is nothing registered to test`)
  const { call, material } = prepareCall(env, row)
  const name = PROVIDER_INFO[call.kind].label
  const remoteId = row.remoteIds[0]
  if (call.capabilities.sendTest && call.connector.sendTest && remoteId) {
    try {
      await call.connector.sendTest(call.ctx, remoteId)
      env.noteCall(row.connectionId, null)
      return { via: 'provider', ok: true, status: null, message: `${name} accepted the test request; its delivery appears in the list when it arrives.` }
    } catch (e) {
      env.noteCall(row.connectionId, e)
      return { via: 'provider', ok: false, status: isProviderApiError(e) ? e.status : null, message: describeFailure(e).message }
    }
  }
  const body = JSON.stringify({ test: true, source: 'hooktray', registration: row.id, time: new Date().toISOString() })
  const url = new URL(row.targetUrl)
  const headers = new Headers({ 'content-type': 'application/json', 'user-agent': 'Hooktray-test' })
  if (material.verify) {
    const applied = signDelivery(material.verify, body)
    for (const [k, v] of applied.headers) headers.set(k, v)
    for (const [k, v] of applied.query) url.searchParams.set(k, v)
  }
  try {
    const res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.any([AbortSignal.timeout(TIMEOUT_MS), env.signal]) })
    await res.arrayBuffer()
    const ok = res.status >= 200 && res.status < 300
    return { via: 'self', ok, status: res.status, message: `Sent a signed sample to ${row.targetUrl}; it answered ${res.status}.` }
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause
    const why = cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e))
    return { via: 'self', ok: false, status: null, message: `Sent a signed sample to ${row.targetUrl}, but it could not be reached: ${why}` }
  }
}
