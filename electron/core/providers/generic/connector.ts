// A configurable REST connector for webhook APIs without a dedicated one: request templates
// with {{url}} {{secret}} {{token}} {{id}} {{apiKey}} placeholders and JSON pointers into the
// answers. Update, delete and list exist when their templates are configured.
import { z } from 'zod'
import { credentialNamesSchema, hmacSchemeSchema, tokenAuthTypes, type ReceiverCredential, type VerifyConfig } from '../../verify'
import { ProviderError, UnexpectedResponseError } from '../errors'
import { providerRequest } from '../http'
import type { Connector, ConnectorContext, Registration, RegisterContext, RemoteWebhook } from '../types'
import { apiUrl, getPointer, httpUrlSchema, joinUrl, randomSecret, requireId } from '../util'
import { fill, fillBody, requestTemplateSchema, type RequestTemplate, type TemplateValues } from './template'

export const genericOptionsSchema = z.object({
  label: z.string().min(1).default('Generic REST'),
  baseUrl: httpUrlSchema,
  /** Sent on every request. */
  headers: z.record(z.string(), z.string()).default({ Authorization: 'Bearer {{apiKey}}' }),
  create: requestTemplateSchema.extend({
    idPointer: z.string().default('/id'),
    /** Where a provider-generated secret comes back, if it does. */
    secretPointer: z.string().optional(),
  }),
  update: requestTemplateSchema.extend({ method: z.string().min(1).default('PUT') }).optional(),
  delete: requestTemplateSchema.extend({ method: z.string().min(1).default('DELETE') }).optional(),
  list: requestTemplateSchema
    .extend({
      method: z.string().min(1).default('GET'),
      itemsPointer: z.string().default(''),
      idPointer: z.string().default('/id'),
      urlPointer: z.string().default('/url'),
    })
    .optional(),
  /** How deliveries prove they come from the provider: an HMAC of the body, or the {{token}}. */
  verify: z
    .discriminatedUnion('scheme', [
      z.object({ scheme: z.literal('none') }),
      hmacSchemeSchema.extend({ scheme: z.literal('hmac') }),
      credentialNamesSchema.extend({ scheme: z.literal('token'), authType: z.enum(tokenAuthTypes) }),
    ])
    .default({ scheme: 'none' }),
})
export type GenericOptions = z.output<typeof genericOptionsSchema>

async function send(ctx: ConnectorContext<GenericOptions>, t: RequestTemplate, values: TemplateValues) {
  const o = ctx.options
  const all: TemplateValues = { ...values, apiKey: ctx.apiKey }
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries({ ...o.headers, ...t.headers })) headers[k] = fill(v, all)
  const body = t.body === undefined ? undefined : fillBody(t.body, all)
  if (body?.json && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json'
  return providerRequest({
    provider: o.label,
    method: t.method,
    url: apiUrl(o.baseUrl, fill(t.path, all, encodeURIComponent)),
    headers,
    ...(body ? { body: body.text } : {}),
    secrets: [ctx.apiKey, values.secret, values.token],
    settings: ctx.http,
    signal: ctx.signal,
  })
}

function secretsFor(ctx: RegisterContext<GenericOptions>, previous?: Registration) {
  const prevToken = previous?.credential ?? ctx.generated?.credential
  return {
    secret: previous?.secret ?? ctx.generated?.secret ?? randomSecret(),
    token: prevToken && 'token' in prevToken ? prevToken.token : randomSecret(),
  }
}

function finish(ctx: RegisterContext<GenericOptions>, ids: string[], targetUrl: string, secret: string, token: string): Registration {
  const v = ctx.options.verify
  let verify: VerifyConfig | null = null
  let credential: ReceiverCredential | undefined
  if (v.scheme === 'hmac') verify = { ...v, secret }
  if (v.scheme === 'token') {
    credential = { authType: v.authType, token }
    verify = { scheme: 'credential', credential, queryParam: v.queryParam, headerName: v.headerName }
  }
  return { remoteIds: ids, targetUrl, secret, ...(credential ? { credential } : {}), verify, remote: ids.map((id) => ({ id, url: targetUrl, events: [] })) }
}

export const genericConnector: Connector<GenericOptions> & {
  capabilitiesFor(options: GenericOptions): Connector['capabilities']
} = {
  kind: 'generic',
  label: 'Generic REST',
  optionsSchema: genericOptionsSchema,
  validateOptions: (input) => genericOptionsSchema.parse(input),
  /** The most this connector can do; capabilitiesFor() says what one configuration can. */
  capabilities: { update: true, unregister: true, list: true, sendTest: false },
  capabilitiesFor: (o) => ({ update: !!o.update, unregister: !!o.delete, list: !!o.list, sendTest: false }),

  async register(ctx) {
    const targetUrl = joinUrl(ctx.publicUrl, ctx.receiverPath)
    const generated = secretsFor(ctx)
    const token = generated.token
    let secret = generated.secret
    const res = await send(ctx, ctx.options.create, { url: targetUrl, secret, token })
    const id = requireId(ctx.options.label, res.status, getPointer(res.json, ctx.options.create.idPointer), ctx.options.create.idPointer)
    const returned = ctx.options.create.secretPointer ? getPointer(res.json, ctx.options.create.secretPointer) : undefined
    if (typeof returned === 'string' && returned) secret = returned
    return finish(ctx, [id], targetUrl, secret, token)
  },

  async update(ctx, previous) {
    const t = ctx.options.update
    const id = previous.remoteIds[0]
    if (!t || !id) throw new UnexpectedResponseError(ctx.options.label, null, 'no update template, or nothing registered to update')
    const targetUrl = joinUrl(ctx.publicUrl, ctx.receiverPath)
    const { secret, token } = secretsFor(ctx, previous)
    await send(ctx, t, { url: targetUrl, secret, token, id })
    return finish(ctx, [id], targetUrl, secret, token)
  },

  async unregister(ctx, remoteIds) {
    const t = ctx.options.delete
    if (!t) throw new UnexpectedResponseError(ctx.options.label, null, 'no delete template is configured')
    for (const id of remoteIds) {
      try {
        await send(ctx, t, { id })
      } catch (e) {
        if (!(e instanceof ProviderError && e.status === 404)) throw e
      }
    }
  },

  async list(ctx): Promise<RemoteWebhook[]> {
    const t = ctx.options.list
    if (!t) throw new UnexpectedResponseError(ctx.options.label, null, 'no list template is configured')
    const res = await send(ctx, t, {})
    const items = getPointer(res.json, t.itemsPointer)
    if (!Array.isArray(items)) throw new UnexpectedResponseError(ctx.options.label, res.status, `no array at "${t.itemsPointer}" in the list answer`)
    return items.map((item) => {
      const id = getPointer(item, t.idPointer)
      const url = getPointer(item, t.urlPointer)
      return { id: typeof id === 'string' || typeof id === 'number' ? String(id) : '', url: typeof url === 'string' ? url : null, events: [] }
    })
  },
}
