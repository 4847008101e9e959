// Droplit IoE simulator: POST /api/webhooks as seed 003 describes (raw `authorization: TOKEN`,
// content-type rule, the five 400 cases and the 404). Deliveries are signed as Droplit's public
// webhook docs say: SHA-256 HMAC hexdigest in `x-droplit-signature` (a setting, these defaults).
import { randomBytes } from 'node:crypto'
import { signHmac, type HmacScheme } from '../../verify'
import { startBase, isHttpUrl, isoSeconds, jsonObject, mediaType, provided, type Fault, type RecordedRequest, type SimReply, type SimRequest } from './base'
import { bodyText, postDelivery, type DeliverOptions, type DeliveryRecord, type DeliverySettings } from './deliver'

export const DROPLIT_SIGNATURE: HmacScheme = { header: 'x-droplit-signature', algorithm: 'sha256', encoding: 'hex', prefix: '' }

export interface DroplitWebhook {
  id: string
  description: string
  ecosystemId: string
  url: string
  secret?: string
  disabled: boolean
  createdAt: string
}

export interface DroplitSimulatorOptions extends DeliverySettings {
  /** Account or server tokens accepted in the raw `authorization` header. */
  tokens?: string[]
  ecosystems?: string[]
  /** Ecosystems that once existed: answered 404 Ecosystem Not Found. */
  deletedEcosystems?: string[]
  signature?: HmacScheme
}

export const DROPLIT_SIM_TOKEN = 'sim-droplit-token'
export const DROPLIT_SIM_ECOSYSTEM = 'E-sim-ecosystem'
export const DROPLIT_SIM_DELETED_ECOSYSTEM = 'E-deleted-ecosystem'

export interface DroplitSimulator {
  /** Base URL including /api, as the connector's baseUrl. */
  url: string
  state: { webhooks: Map<string, DroplitWebhook> }
  requests: RecordedRequest[]
  deliveries: DeliveryRecord[]
  failNext(count: number, fault?: Fault): void
  deliver(webhookId: string, options?: DeliverOptions): Promise<DeliveryRecord>
  close(): Promise<void>
}

// Titles and explanations from seed 003; the `{ error, message }` envelope is the simulator's
// choice (the seed refers to a "standard error structure" without showing it). 401 is also
// the simulator's choice: the seed lists no answer for a bad token.
const fail = (status: number, error: string, message: string): SimReply => ({ status, json: { error, message } })
const BODY_MISSING = fail(400, 'Body Parameters Missing', 'Required body parameters are missing: ecosystemId, url. The content-type header should be "application/json".')
const ECOSYSTEM_MISSING = fail(400, 'Ecosystem Missing', 'The parameter ecosystemId is missing.')
const ECOSYSTEM_INVALID = fail(400, 'Ecosystem Invalid', 'The ID given for an ecosystem was not valid.')
const ECOSYSTEM_NOT_FOUND = fail(404, 'Ecosystem Not Found', 'An ecosystem with the given ID was not found.')
const CALLBACK_MISSING = fail(400, 'Webhook Callback Missing', 'The URL for a webhook callback is missing, and was required.')
const CALLBACK_INVALID = fail(400, 'Webhook Callback Invalid', 'The URI for the webhook callback was not formatted properly.')

export async function startSimulator(options: DroplitSimulatorOptions = {}): Promise<DroplitSimulator> {
  const tokens = new Set(options.tokens ?? [DROPLIT_SIM_TOKEN])
  const ecosystems = new Set(options.ecosystems ?? [DROPLIT_SIM_ECOSYSTEM])
  const deleted = new Set(options.deletedEcosystems ?? [DROPLIT_SIM_DELETED_ECOSYSTEM])
  const scheme = options.signature ?? DROPLIT_SIGNATURE
  const webhooks = new Map<string, DroplitWebhook>()
  const deliveries: DeliveryRecord[] = []

  function create(req: SimRequest): SimReply {
    if (!tokens.has(req.headers.authorization ?? '')) return fail(401, 'Unauthorized', 'The authorization token is missing or invalid.')
    // Seed: a syntactically valid JSON body with the wrong content-type is "Body Parameters Missing".
    if (mediaType(req) !== 'application/json') return BODY_MISSING
    const body = jsonObject(req)
    if (!body || (!provided(body.ecosystemId) && !provided(body.url))) return BODY_MISSING
    if (!provided(body.ecosystemId)) return ECOSYSTEM_MISSING
    const eco = body.ecosystemId
    if (typeof eco !== 'string' || (!ecosystems.has(eco) && !deleted.has(eco))) return ECOSYSTEM_INVALID
    if (deleted.has(eco)) return ECOSYSTEM_NOT_FOUND
    if (!provided(body.url)) return CALLBACK_MISSING
    if (!isHttpUrl(body.url)) return CALLBACK_INVALID
    for (const f of ['secret', 'description'] as const) {
      if (body[f] !== undefined && typeof body[f] !== 'string') return fail(400, 'Invalid Parameters', `The parameter ${f} must be a string.`)
    }
    const hook: DroplitWebhook = {
      id: `W${randomBytes(8).toString('hex')}`,
      description: typeof body.description === 'string' ? body.description : '',
      ecosystemId: eco,
      url: body.url as string,
      disabled: false,
      createdAt: isoSeconds().replace('T', ' ').replace('Z', ''),
    }
    if (typeof body.secret === 'string' && body.secret !== '') hook.secret = body.secret
    webhooks.set(hook.id, hook)
    // The seed's spelling `desription` is reproduced on purpose: connectors must cope with it.
    const { id, description, ecosystemId, url, disabled, createdAt } = hook
    return { status: 201, json: { id, desription: description, ecosystemId, url, disabled, createdAt } }
  }

  function handle(req: SimRequest): SimReply {
    if (req.pathname !== '/api/webhooks') return fail(404, 'Not Found', `No route for ${req.pathname}.`)
    if (req.method !== 'POST') return fail(405, 'Method Not Allowed', `${req.method} is not supported on ${req.pathname}.`)
    return create(req)
  }

  const base = await startBase({
    handle,
    faultReply: (status) => (status === 429 ? fail(429, 'Too Many Requests', 'Rate limit exceeded.') : fail(status, 'Internal Server Error', 'An unexpected error occurred.')),
  })

  return {
    url: `${base.origin}/api`,
    state: { webhooks },
    requests: base.requests,
    deliveries,
    failNext: base.failNext,
    close: base.close,
    async deliver(webhookId, opts = {}) {
      const hook = webhooks.get(webhookId)
      if (!hook) throw new Error(`no Droplit webhook ${webhookId}`)
      const item = { type: 'Changed', ecosystemId: hook.ecosystemId, deviceId: 'D-sim-device', service: 'BinarySwitch', member: 'switch', value: 'on', timestamp: isoSeconds() }
      const body = bodyText(opts.body, { items: [item] })
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (hook.secret) {
        const [name, value] = signHmac(body, opts.tamper ? `${hook.secret}-tampered` : hook.secret, scheme)
        headers[name] = value
      }
      const record = await postDelivery(options, hook.id, hook.url, headers, body)
      deliveries.push(record)
      return record
    },
  }
}
