// MyCirrus: one webhook per (type, instrument), so a connection watching several types is a
// group of webhooks sharing one secret. No DELETE and no PUT are documented (seeds 000, 001):
// a URL change re-registers and the old group can only be marked stale.
import { z } from 'zod'
import { myCirrusScheme, signatureEncodings } from '../../verify'
import { isProviderApiError, UnexpectedResponseError } from '../errors'
import { providerRequest, type ProviderRequest } from '../http'
import type { Connector, ConnectorContext, RemoteWebhook } from '../types'
import { apiUrl, getPointer, httpUrlSchema, isObject, joinUrl, requireId } from '../util'

export const MYCIRRUS_EVENT_TYPES = ['NewMeasurement', 'NewEvent', 'InstrumentStatus', 'CalibrationFinished', 'SicFinished'] as const

export const myCirrusOptionsSchema = z.object({
  baseUrl: httpUrlSchema.default('https://api.mycirrus.cloud/v1'),
  /** Instrument serial, e.g. QT123456. */
  instrument: z.string().trim().min(1),
  types: z
    .array(z.enum(MYCIRRUS_EVENT_TYPES))
    .min(1)
    .refine((t) => new Set(t).size === t.length, 'each type once')
    .default(['NewMeasurement']),
  /** A secret of the user's choosing; blank lets MyCirrus generate one (returned and kept). */
  secret: z.string().default(''),
  /** The signature encoding is not specified precisely enough: hex unless told otherwise. */
  signatureEncoding: z.enum(signatureEncodings).default('hex'),
  /** JSON pointer to the array in the GET /webhooks answer; '' = the answer is the array. */
  listPointer: z.string().default(''),
})
export type MyCirrusOptions = z.output<typeof myCirrusOptionsSchema>

const PROVIDER = 'MyCirrus'

function call(ctx: ConnectorContext<MyCirrusOptions>, req: Pick<ProviderRequest, 'method' | 'json'> & { path: string; secret?: string }) {
  return providerRequest({
    provider: PROVIDER,
    method: req.method,
    url: apiUrl(ctx.options.baseUrl, req.path),
    headers: { 'X-Api-Key': ctx.apiKey },
    json: req.json,
    // Seed 000: errors are { error, description }; the description is the text to show.
    errorText: (_text, json) => (isObject(json) && typeof json.description === 'string' ? json.description : undefined),
    secrets: [ctx.apiKey, req.secret, ctx.options.secret],
    settings: ctx.http,
    signal: ctx.signal,
  })
}

function toRemote(v: unknown): RemoteWebhook {
  const o = isObject(v) ? v : {}
  return {
    id: typeof o.id === 'string' ? o.id : String(o.id ?? ''),
    url: typeof o.url === 'string' ? o.url : null,
    events: typeof o.type === 'string' ? [o.type] : [],
  }
}

export const myCirrusConnector: Connector<MyCirrusOptions> = {
  kind: 'mycirrus',
  label: 'MyCirrus',
  optionsSchema: myCirrusOptionsSchema,
  validateOptions: (input) => myCirrusOptionsSchema.parse(input),
  capabilities: { update: false, unregister: false, list: true, sendTest: false },

  async register(ctx) {
    const { instrument, types, signatureEncoding } = ctx.options
    const targetUrl = joinUrl(ctx.publicUrl, ctx.receiverPath)
    let secret: string | undefined = ctx.options.secret.trim() || ctx.generated?.secret || undefined
    const remoteIds: string[] = []
    const remote: RemoteWebhook[] = []
    try {
      for (const type of types) {
        // The first webhook may get a server-generated secret; the rest reuse it so one
        // secret verifies the whole group.
        const res = await call(ctx, { method: 'POST', path: '/webhooks', json: { type, instrument, url: targetUrl, ...(secret ? { secret } : {}) }, secret })
        const hook = isObject(res.json) ? res.json : {}
        remoteIds.push(requireId(PROVIDER, res.status, hook.id, 'id'))
        remote.push(toRemote(hook))
        if (!secret && typeof hook.secret === 'string' && hook.secret) secret = hook.secret
      }
    } catch (e) {
      if (isProviderApiError(e) && remoteIds.length > 0) e.partial = { remoteIds, ...(secret ? { secret } : {}) }
      throw e
    }
    return {
      remoteIds,
      targetUrl,
      ...(secret ? { secret } : {}),
      verify: secret ? { scheme: 'hmac', secret, ...myCirrusScheme(signatureEncoding) } : null,
      remote,
    }
  },

  async list(ctx) {
    const res = await call(ctx, { method: 'GET', path: '/webhooks' })
    const items = getPointer(res.json, ctx.options.listPointer)
    if (!Array.isArray(items)) {
      throw new UnexpectedResponseError(PROVIDER, res.status, `${PROVIDER} list answer has no array at "${ctx.options.listPointer}"`)
    }
    return items.map(toRemote)
  },

  async get(ctx, remoteId) {
    const res = await call(ctx, { method: 'GET', path: `/webhooks/${encodeURIComponent(remoteId)}` })
    return toRemote(res.json)
  },
}
