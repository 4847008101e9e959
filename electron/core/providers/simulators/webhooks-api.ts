// Generic OpenAPI "WebhooksApi" simulator: the six operations of seed 004 under
// /api/web/v1/webhooks, the four permissions, UUID ids, 409 for a callback already registered.
// The seed leaves open the auth header, the WebhookParms field names and any signing: options.
import { randomUUID } from 'node:crypto'
import { signHmac, type HmacScheme } from '../../verify'
import { startBase, isHttpUrl, isoSeconds, jsonObject, mediaType, type Fault, type RecordedRequest, type SimReply, type SimRequest } from './base'
import { bodyText, postDelivery, type DeliverOptions, type DeliveryRecord, type DeliverySettings } from './deliver'

export const WEBHOOKS_PERMISSIONS = ['WEBHOOKS:ADD', 'WEBHOOKS:VIEW', 'WEBHOOKS:EDIT', 'WEBHOOKS:REMOVE'] as const
export type WebhooksPermission = (typeof WEBHOOKS_PERMISSIONS)[number]
export const WEBHOOKS_API_BASE_PATH = '/api/web/v1/webhooks'
export const WEBHOOKS_API_SIM_KEY = 'sim-webhooks-key'

export interface StoredWebhook {
  id: string
  callbackUrl: string
  events: string[]
  secret?: string
  createdAt: string
}

export interface WebhooksApiSimulatorOptions extends DeliverySettings {
  /** Token → permissions. */
  keys?: Record<string, { permissions: WebhooksPermission[] }>
  /** Header carrying the token (default `authorization`) and the text before it (default `Bearer `). */
  authHeader?: string
  authPrefix?: string
  callbackField?: string
  eventsField?: string
  /** Field carrying a signing secret; unset = the API takes none and deliveries are unsigned. */
  secretField?: string
  signature?: HmacScheme
}

export interface WebhooksApiSimulator {
  /** Origin; the connector's baseUrl. */
  url: string
  state: { webhooks: Map<string, StoredWebhook> }
  requests: RecordedRequest[]
  deliveries: DeliveryRecord[]
  failNext(count: number, fault?: Fault): void
  deliver(webhookId: string, options?: DeliverOptions): Promise<DeliveryRecord>
  close(): Promise<void>
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 429: 'Too Many Requests' }

export async function startSimulator(options: WebhooksApiSimulatorOptions = {}): Promise<WebhooksApiSimulator> {
  const keys = options.keys ?? { [WEBHOOKS_API_SIM_KEY]: { permissions: [...WEBHOOKS_PERMISSIONS] } }
  const authHeader = (options.authHeader ?? 'authorization').toLowerCase()
  const authPrefix = options.authPrefix ?? 'Bearer '
  const cbField = options.callbackField ?? 'callbackUrl'
  const evField = options.eventsField ?? 'events'
  const scheme: HmacScheme = options.signature ?? { header: 'X-Webhook-Signature', algorithm: 'sha256', encoding: 'hex', prefix: '' }
  const webhooks = new Map<string, StoredWebhook>()
  const deliveries: DeliveryRecord[] = []

  // Spring-style error envelope (the seed names statuses only); no timestamp, so bodies are stable.
  const fail = (status: number, message: string, path: string): SimReply => ({
    status,
    json: { status, error: STATUS_TEXT[status] ?? 'Internal Server Error', message, path },
  })
  const view = (w: StoredWebhook) => ({ id: w.id, [cbField]: w.callbackUrl, [evField]: w.events, createdAt: w.createdAt })

  function parms(req: SimRequest, id: string | null): SimReply | Omit<StoredWebhook, 'id' | 'createdAt'> {
    if (mediaType(req) !== 'application/json') return fail(400, 'Content-Type must be application/json.', req.pathname)
    const body = jsonObject(req)
    if (!body) return fail(400, 'The request body must be a JSON object (WebhookParms).', req.pathname)
    const cb = body[cbField]
    if (cb === undefined || cb === null || cb === '') return fail(400, `${cbField} is required.`, req.pathname)
    if (!isHttpUrl(cb)) return fail(400, `${cbField} must be a valid http(s) URL.`, req.pathname)
    const ev = body[evField] ?? []
    if (!Array.isArray(ev) || ev.some((e) => typeof e !== 'string')) return fail(400, `${evField} must be an array of strings.`, req.pathname)
    const secret = options.secretField ? body[options.secretField] : undefined
    if (secret !== undefined && typeof secret !== 'string') return fail(400, `${options.secretField} must be a string.`, req.pathname)
    for (const w of webhooks.values()) {
      if (w.callbackUrl === cb && w.id !== id) return fail(409, `A webhook with ${cbField} ${cb as string} is already registered.`, req.pathname)
    }
    return { callbackUrl: cb as string, events: ev as string[], ...(secret ? { secret } : {}) }
  }

  async function handle(req: SimRequest): Promise<SimReply> {
    const p = req.pathname
    if (p !== WEBHOOKS_API_BASE_PATH && !p.startsWith(`${WEBHOOKS_API_BASE_PATH}/`)) return fail(404, `No route for ${p}.`, p)
    const rest = p.slice(WEBHOOKS_API_BASE_PATH.length).split('/').filter(Boolean).map(decodeURIComponent)
    const isTest = rest[0] === 'test' && rest.length === 2
    const id = isTest ? rest[1] : rest[0]
    if (rest.length > (isTest ? 2 : 1)) return fail(404, `No route for ${p}.`, p)
    const op = operation(req.method, id !== undefined, isTest)
    if (!op) return fail(405, `${req.method} is not supported on ${p}.`, p)
    const raw = req.headers[authHeader]
    const value = typeof raw === 'string' && raw.startsWith(authPrefix) ? raw.slice(authPrefix.length) : undefined
    const key = value === undefined ? undefined : keys[value]
    if (!key) return fail(401, 'Access denied: missing or invalid credentials.', p)
    if (!key.permissions.includes(op.permission)) return fail(403, `Caller is required to have ${op.permission} permission.`, p)
    if (id !== undefined && !UUID.test(id)) return fail(400, `${id} is not a valid UUID.`, p)
    const existing = id === undefined ? undefined : webhooks.get(id)
    if (id !== undefined && !existing) return fail(404, `Webhook ${id} not found.`, p)
    switch (op.name) {
      case 'list':
        return { status: 200, json: [...webhooks.values()].map(view) }
      case 'read':
        return { status: 200, json: view(existing!) }
      case 'delete':
        webhooks.delete(id!)
        return { status: 200 }
      case 'test':
        await deliverTo(existing!, {})
        return { status: 200 }
      case 'create':
      case 'update': {
        const parsed = parms(req, id ?? null)
        if ('status' in parsed) return parsed
        const hook: StoredWebhook = { id: id ?? randomUUID(), createdAt: existing?.createdAt ?? isoSeconds(), ...parsed }
        if (!parsed.secret && existing?.secret) hook.secret = existing.secret
        webhooks.set(hook.id, hook)
        return { status: 200, json: view(hook) }
      }
    }
  }

  async function deliverTo(hook: StoredWebhook, opts: DeliverOptions): Promise<DeliveryRecord> {
    const body = bodyText(opts.body, { id: randomUUID(), event: 'webhook.test', webhookId: hook.id, timestamp: isoSeconds(), data: {} })
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (hook.secret) {
      const [name, v] = signHmac(body, opts.tamper ? `${hook.secret}-tampered` : hook.secret, scheme)
      headers[name] = v
    }
    const record = await postDelivery(options, hook.id, hook.callbackUrl, headers, body)
    deliveries.push(record)
    return record
  }

  const base = await startBase({ handle, faultReply: (status) => fail(status, status === 429 ? 'Rate limit exceeded.' : 'Unexpected server error.', WEBHOOKS_API_BASE_PATH) })

  return {
    url: base.origin,
    state: { webhooks },
    requests: base.requests,
    deliveries,
    failNext: base.failNext,
    close: base.close,
    async deliver(webhookId, opts = {}) {
      const hook = webhooks.get(webhookId)
      if (!hook) throw new Error(`no WebhooksApi webhook ${webhookId}`)
      return deliverTo(hook, opts)
    },
  }
}

type Op = { name: 'create' | 'list' | 'read' | 'update' | 'delete' | 'test'; permission: WebhooksPermission }

function operation(method: string, hasId: boolean, isTest: boolean): Op | null {
  if (isTest) return method === 'POST' ? { name: 'test', permission: 'WEBHOOKS:EDIT' } : null
  if (!hasId && method === 'POST') return { name: 'create', permission: 'WEBHOOKS:ADD' }
  if (!hasId && method === 'GET') return { name: 'list', permission: 'WEBHOOKS:VIEW' }
  if (hasId && method === 'GET') return { name: 'read', permission: 'WEBHOOKS:VIEW' }
  if (hasId && method === 'PUT') return { name: 'update', permission: 'WEBHOOKS:EDIT' }
  if (hasId && method === 'DELETE') return { name: 'delete', permission: 'WEBHOOKS:REMOVE' }
  return null
}
