// MyCirrus webhooks API simulator, to the letter of seeds 000 (POST /webhooks) and 001
// (GET /webhooks/{webhookId}); GET /webhooks (list) and the delivery format are from the
// vendor's public docs as summarised in shared/providers.md §1.
import { randomBytes, randomUUID } from 'node:crypto'
import { signMyCirrus, type SignatureEncoding } from '../../verify'
import { startBase, isHttpUrl, isoSeconds, jsonObject, mediaType, provided, type Fault, type RecordedRequest, type SimReply, type SimRequest } from './base'
import { bodyText, postDelivery, type DeliverOptions, type DeliveryRecord, type DeliverySettings } from './deliver'

export const MYCIRRUS_TYPES = ['NewMeasurement', 'NewEvent', 'InstrumentStatus', 'CalibrationFinished', 'SicFinished'] as const
export type MyCirrusType = (typeof MYCIRRUS_TYPES)[number]
export type MyCirrusScope = 'webhooks:write' | 'webhooks:read'

export interface MyCirrusKey {
  scopes: MyCirrusScope[]
  /** An expired key is answered 401 TokenExpired, like an unknown one. */
  expired?: boolean
}

export interface MyCirrusWebhook {
  id: string
  url: string
  type: MyCirrusType
  secret: string
  instrument: string
}

export interface MyCirrusSimulatorOptions extends DeliverySettings {
  keys?: Record<string, MyCirrusKey>
  /** Serials the account owns; any other is answered 400 NotFound. */
  instruments?: string[]
  signatureEncoding?: SignatureEncoding
}

export const MYCIRRUS_SIM_KEY = 'sim-mycirrus-key'

export interface MyCirrusSimulator {
  /** Base URL including /v1, as the connector's baseUrl. */
  url: string
  state: { webhooks: Map<string, MyCirrusWebhook> }
  requests: RecordedRequest[]
  deliveries: DeliveryRecord[]
  failNext(count: number, fault?: Fault): void
  deliver(webhookId: string, options?: DeliverOptions): Promise<DeliveryRecord>
  close(): Promise<void>
}

// Bodies quoted from the seeds; the InvalidParam code is the simulator's own (the seed only
// says "possibly missing parameter or incorrect url" without naming a code).
const err = (status: number, error: string, description: string): SimReply => ({ status, json: { error, description } })
const TOKEN_EXPIRED = err(401, 'TokenExpired', 'Your access token is invalid or has expired. Try refreshing the token.')
const ACCESS_DENIED = err(403, 'AccessDenied', 'You do not have permission to access this data.')
const missing = (p: string) => err(400, 'MissingParam', `The required parameter ${p} was missing from the request.`)
const invalid = (description: string) => err(400, 'InvalidParam', description)

export async function startSimulator(options: MyCirrusSimulatorOptions = {}): Promise<MyCirrusSimulator> {
  const keys = options.keys ?? { [MYCIRRUS_SIM_KEY]: { scopes: ['webhooks:write', 'webhooks:read'] } }
  const instruments = new Set(options.instruments ?? ['QT123456'])
  const encoding = options.signatureEncoding ?? 'hex'
  const webhooks = new Map<string, MyCirrusWebhook>()
  const deliveries: DeliveryRecord[] = []

  function authorize(req: SimRequest, scope: MyCirrusScope): SimReply | null {
    const header = req.headers['x-api-key']
    const key = typeof header === 'string' ? keys[header] : undefined
    if (!key || key.expired) return TOKEN_EXPIRED
    return key.scopes.includes(scope) ? null : ACCESS_DENIED
  }

  function create(req: SimRequest): SimReply {
    const denied = authorize(req, 'webhooks:write')
    if (denied) return denied
    if (mediaType(req) !== 'application/json') return invalid('The request body must be JSON (Content-Type: application/json).')
    const body = jsonObject(req)
    if (!body) return invalid('The request body is not a valid JSON object.')
    for (const p of ['type', 'instrument', 'url'] as const) if (!provided(body[p])) return missing(p)
    const { type, instrument, url, secret } = body
    if (!MYCIRRUS_TYPES.includes(type as MyCirrusType)) return invalid(`The parameter type must be one of ${MYCIRRUS_TYPES.join(', ')}.`)
    if (typeof instrument !== 'string') return invalid('The parameter instrument must be a string.')
    if (!isHttpUrl(url, true)) return invalid('The parameter url must be a valid URL that uses HTTPS.')
    if (secret !== undefined && secret !== null && typeof secret !== 'string') return invalid('The parameter secret must be a string.')
    if (!instruments.has(instrument)) return err(400, 'NotFound', `The instrument ${instrument} could not be found.`)
    // The id in a request body is ignored: the seed marks it auto-generated.
    const hook: MyCirrusWebhook = {
      id: randomBytes(6).toString('hex'),
      url: url as string,
      type: type as MyCirrusType,
      secret: typeof secret === 'string' && secret.trim() !== '' ? secret : randomUUID(),
      instrument,
    }
    webhooks.set(hook.id, hook)
    return { status: 201, json: hook }
  }

  function handle(req: SimRequest): SimReply {
    const m = /^\/v1\/webhooks(?:\/([^/]+))?\/?$/.exec(req.pathname)
    if (!m) return err(404, 'NotFound', `The resource ${req.pathname} could not be found.`)
    const id = m[1] === undefined ? undefined : decodeURIComponent(m[1])
    if (id === undefined && req.method === 'POST') return create(req)
    if (req.method !== 'GET') return err(405, 'MethodNotAllowed', `The method ${req.method} is not allowed on ${req.pathname}.`)
    const denied = authorize(req, 'webhooks:read')
    if (denied) return denied
    if (id === undefined) return { status: 200, json: [...webhooks.values()] }
    const hook = webhooks.get(id)
    return hook ? { status: 200, json: hook } : err(404, 'NotFound', `The webhook ${id} could not be found.`)
  }

  const base = await startBase({
    handle,
    faultReply: (status) =>
      status === 429
        ? err(429, 'TooManyRequests', 'You have made too many requests in a short time. Please wait before trying again.')
        : err(status, 'InternalError', 'An unexpected error occurred. Please try again later.'),
  })

  return {
    url: `${base.origin}/v1`,
    state: { webhooks },
    requests: base.requests,
    deliveries,
    failNext: base.failNext,
    close: base.close,
    async deliver(webhookId, opts = {}) {
      const hook = webhooks.get(webhookId)
      if (!hook) throw new Error(`no MyCirrus webhook ${webhookId}`)
      const body = bodyText(opts.body, exampleBody(hook))
      const secret = opts.tamper ? `${hook.secret}-tampered` : hook.secret
      const [name, value] = signMyCirrus(body, secret, encoding)
      const headers = { 'Content-Type': 'application/json', 'X-Webhook-Id': hook.id, [name]: value }
      const record = await postDelivery(options, hook.id, hook.url, headers, body)
      deliveries.push(record)
      return record
    },
  }
}

/** Bodies shaped like the documented examples; undocumented types carry the common fields. */
function exampleBody(hook: MyCirrusWebhook): Record<string, unknown> {
  const time = isoSeconds()
  const common = { type: hook.type, instrument: hook.instrument, time }
  if (hook.type === 'NewMeasurement') return { ...common, endTime: time }
  if (hook.type === 'InstrumentStatus') return { ...common, online: true }
  return common
}
