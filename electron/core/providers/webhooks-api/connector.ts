// Generic OpenAPI WebhooksApi (seed 004): full CRUD plus "send test". The seed does not show
// the auth scheme, the WebhookParms field names or whether the API takes a signing secret:
// all settings (Bearer token; callbackUrl; events; no secret field by default).
import { z } from 'zod'
import { hmacSchemeSchema } from '../../verify'
import { ProviderError, UnexpectedResponseError } from '../errors'
import { providerRequest } from '../http'
import type { Connector, ConnectorContext, Registration, RegisterContext, RemoteWebhook } from '../types'
import { apiUrl, getPointer, httpUrlSchema, isObject, joinUrl, randomSecret, requireId } from '../util'

export const webhooksApiOptionsSchema = z.object({
  baseUrl: httpUrlSchema,
  basePath: z.string().default('/api/web/v1/webhooks'),
  authHeader: z.string().min(1).default('Authorization'),
  /** Text before the token in authHeader; '' sends the raw token. */
  authPrefix: z.string().default('Bearer '),
  callbackField: z.string().min(1).default('callbackUrl'),
  eventsField: z.string().min(1).default('events'),
  events: z.array(z.string().min(1)).default([]),
  /** JSON pointer to the id in a Webhook object. */
  idPointer: z.string().default('/id'),
  /** Set when the API accepts a signing secret in WebhookParms; a secret is then generated. */
  secretField: z.string().min(1).optional(),
  signature: hmacSchemeSchema.prefault({}),
})
export type WebhooksApiOptions = z.output<typeof webhooksApiOptionsSchema>

const PROVIDER = 'WebhooksApi'

function call(ctx: ConnectorContext<WebhooksApiOptions>, method: string, path: string, json?: unknown, secret?: string) {
  const o = ctx.options
  return providerRequest({
    provider: PROVIDER,
    method,
    url: apiUrl(o.baseUrl, o.basePath + path),
    headers: { [o.authHeader]: `${o.authPrefix}${ctx.apiKey}` },
    json,
    secrets: [ctx.apiKey, secret],
    settings: ctx.http,
    signal: ctx.signal,
  })
}

function toRemote(o: WebhooksApiOptions, v: unknown): RemoteWebhook {
  const id = getPointer(v, o.idPointer)
  const hook = isObject(v) ? v : {}
  const url = hook[o.callbackField]
  const events = hook[o.eventsField]
  return {
    id: typeof id === 'string' || typeof id === 'number' ? String(id) : '',
    url: typeof url === 'string' ? url : null,
    events: Array.isArray(events) ? events.filter((e): e is string => typeof e === 'string') : [],
  }
}

function parms(ctx: RegisterContext<WebhooksApiOptions>, secret: string | undefined) {
  const o = ctx.options
  const targetUrl = joinUrl(ctx.publicUrl, ctx.receiverPath)
  const body: Record<string, unknown> = { [o.callbackField]: targetUrl, [o.eventsField]: o.events }
  if (o.secretField && secret) body[o.secretField] = secret
  return { targetUrl, body }
}

function registration(
  ctx: RegisterContext<WebhooksApiOptions>,
  res: { status: number; json: unknown },
  targetUrl: string,
  secret: string | undefined,
  knownId?: string,
): Registration {
  const json = res.json
  const id = knownId ?? requireId(PROVIDER, res.status, getPointer(json, ctx.options.idPointer), ctx.options.idPointer)
  return {
    remoteIds: [id],
    targetUrl,
    ...(secret ? { secret } : {}),
    verify: secret ? { scheme: 'hmac', secret, ...ctx.options.signature } : null,
    remote: [{ ...toRemote(ctx.options, json), id }],
  }
}

export const webhooksApiConnector: Connector<WebhooksApiOptions> = {
  kind: 'webhooks-api',
  label: 'WebhooksApi (OpenAPI)',
  optionsSchema: webhooksApiOptionsSchema,
  validateOptions: (input) => webhooksApiOptionsSchema.parse(input),
  capabilities: { update: true, unregister: true, list: true, sendTest: true },

  async register(ctx) {
    const secret = ctx.options.secretField ? (ctx.generated?.secret ?? randomSecret()) : undefined
    const { targetUrl, body } = parms(ctx, secret)
    const res = await call(ctx, 'POST', '', body, secret)
    return registration(ctx, res, targetUrl, secret)
  },

  /** PUT the new URL onto the existing webhook; a 404 (deleted remotely) is left to the caller. */
  async update(ctx, previous) {
    const id = previous.remoteIds[0]
    if (!id) throw new UnexpectedResponseError(PROVIDER, null, 'nothing to update: the registration has no WebhooksApi id')
    const secret = ctx.options.secretField ? (previous.secret ?? ctx.generated?.secret ?? randomSecret()) : undefined
    const { targetUrl, body } = parms(ctx, secret)
    const res = await call(ctx, 'PUT', `/${encodeURIComponent(id)}`, body, secret)
    // A PUT keeps the id; it is taken from the request so an answer without a body still works.
    return registration(ctx, res, targetUrl, secret, id)
  },

  async unregister(ctx, remoteIds) {
    for (const id of remoteIds) {
      try {
        await call(ctx, 'DELETE', `/${encodeURIComponent(id)}`)
      } catch (e) {
        if (!(e instanceof ProviderError && e.status === 404)) throw e
      }
    }
  },

  async list(ctx) {
    const res = await call(ctx, 'GET', '')
    if (!Array.isArray(res.json)) throw new UnexpectedResponseError(PROVIDER, res.status, `${PROVIDER} list answer is not an array`)
    return res.json.map((v) => toRemote(ctx.options, v))
  },

  async get(ctx, remoteId) {
    const res = await call(ctx, 'GET', `/${encodeURIComponent(remoteId)}`)
    return toRemote(ctx.options, res.json)
  },

  async sendTest(ctx, remoteId) {
    await call(ctx, 'POST', `/test/${encodeURIComponent(remoteId)}`)
  },
}
