// Aggregate Intelligence rates API simulator: POST /webhooks exactly as seed 002 describes,
// including every authType rule. The seed gives no host, no error body schema ("None") and no
// webhook id in the 201 body; the error bodies below are the simulator's own `{ message }`.
import { randomUUID } from 'node:crypto'
import { applyCredential, authTypes, defaultCredentialNames, tokenAuthTypes, type AuthType, type CredentialNames, type ReceiverCredential } from '../../verify'
import { startBase, isHttpUrl, isoSeconds, jsonObject, provided, type Fault, type RecordedRequest, type SimReply, type SimRequest } from './base'
import { bodyText, postDelivery, type DeliverOptions, type DeliveryRecord, type DeliverySettings } from './deliver'

export interface AiWebhook {
  /** Internal only: the API never returns an id. */
  id: string
  isAlertHook: boolean
  endpoint: string
  authType: AuthType
  userName?: string
  password?: string
  token?: string
}

export interface AiSimulatorOptions extends DeliverySettings, Partial<CredentialNames> {
  /** Access tokens accepted as `Authorization: Bearer {access-token}`. */
  tokens?: string[]
}

export const AI_SIM_TOKEN = 'sim-ai-token'

export interface AiSimulator {
  url: string
  state: { webhooks: Map<string, AiWebhook> }
  requests: RecordedRequest[]
  deliveries: DeliveryRecord[]
  failNext(count: number, fault?: Fault): void
  deliver(webhookId: string, options?: DeliverOptions): Promise<DeliveryRecord>
  close(): Promise<void>
}

const bad = (message: string): SimReply => ({ status: 400, json: { message } })
const TOKEN_TYPES: readonly string[] = tokenAuthTypes

/** Seed 002 "Important Notes", one rule per check; returns the first violation. */
export function validateAiBody(body: Record<string, unknown>): string | null {
  if (!provided(body.endpoint)) return 'endpoint is required.'
  if (!isHttpUrl(body.endpoint)) return 'endpoint must be a valid URL.'
  if (!provided(body.authType)) return 'authType is required.'
  if (!authTypes.includes(body.authType as AuthType)) return `authType must be one of ${authTypes.join(', ')}.`
  if (body.isAlertHook !== undefined && typeof body.isAlertHook !== 'boolean') return 'isAlertHook must be a boolean.'
  for (const f of ['userName', 'password', 'token'] as const) {
    if (provided(body[f]) && typeof body[f] !== 'string') return `${f} must be a string.`
  }
  const hasUser = provided(body.userName) || provided(body.password)
  const hasToken = provided(body.token)
  if (body.authType === 'none') {
    if (hasUser || hasToken) return 'userName, password and token must not be provided when authType is none.'
    return null
  }
  if (hasUser && hasToken) return 'Provide either user credentials (userName/password) or a token, but not both.'
  if (body.authType === 'basic') {
    if (!provided(body.userName) || !provided(body.password)) return 'userName and password are required when authType is basic.'
    return null
  }
  if (TOKEN_TYPES.includes(body.authType as string) && !hasToken) return `token is required when authType is ${String(body.authType)}.`
  return null
}

export async function startSimulator(options: AiSimulatorOptions = {}): Promise<AiSimulator> {
  const tokens = new Set(options.tokens ?? [AI_SIM_TOKEN])
  const names: CredentialNames = { ...defaultCredentialNames, ...pick(options) }
  const webhooks = new Map<string, AiWebhook>()
  const deliveries: DeliveryRecord[] = []

  function handle(req: SimRequest): SimReply {
    if (req.pathname !== '/webhooks') return { status: 404, json: { message: 'Not Found' } }
    if (req.method !== 'POST') return { status: 405, json: { message: 'Method Not Allowed' } }
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')
    if (!m || !tokens.has(m[1] ?? '')) return { status: 401, json: { message: 'Unauthorized – Authentication credentials are invalid or missing.' } }
    const body = jsonObject(req)
    if (!body) return bad('The request body must be a JSON object.')
    const problem = validateAiBody(body)
    if (problem) return bad(problem)
    const hook: AiWebhook = {
      id: randomUUID(),
      isAlertHook: body.isAlertHook === true,
      endpoint: body.endpoint as string,
      authType: body.authType as AuthType,
    }
    for (const f of ['userName', 'password', 'token'] as const) if (provided(body[f])) hook[f] = body[f] as string
    webhooks.set(hook.id, hook)
    return { status: 201, json: { message: 'Webhook created successfully' } }
  }

  const base = await startBase({
    handle,
    faultReply: (status) => ({
      status,
      json: { message: status === 429 ? 'Too Many Requests – Rate limiting in effect.' : 'Internal Server Error – An unexpected issue occurred on the server.' },
    }),
  })

  return {
    url: base.origin,
    state: { webhooks },
    requests: base.requests,
    deliveries,
    failNext: base.failNext,
    close: base.close,
    async deliver(webhookId, opts = {}) {
      const hook = webhooks.get(webhookId)
      if (!hook) throw new Error(`no Aggregate Intelligence webhook ${webhookId}`)
      const body = bodyText(opts.body, { isAlertHook: hook.isAlertHook, event: 'RatesUpdated', time: isoSeconds() })
      const applied = applyCredential(credentialOf(hook, opts.tamper === true), names)
      const target = new URL(hook.endpoint)
      for (const [k, v] of applied.query) target.searchParams.append(k, v)
      const headers: Record<string, string> = { 'Content-Type': 'application/json' }
      for (const [k, v] of applied.headers) headers[k] = v
      const record = await postDelivery(options, hook.id, target.toString(), headers, body)
      deliveries.push(record)
      return record
    },
  }
}

function credentialOf(hook: AiWebhook, tamper: boolean): ReceiverCredential {
  const spoil = (v: string | undefined) => (tamper ? `${v ?? ''}-tampered` : (v ?? ''))
  if (hook.authType === 'none') return { authType: 'none' }
  if (hook.authType === 'basic') return { authType: 'basic', userName: hook.userName ?? '', password: spoil(hook.password) }
  return { authType: hook.authType, token: spoil(hook.token) }
}

function pick(o: AiSimulatorOptions): Partial<CredentialNames> {
  const out: Partial<CredentialNames> = {}
  if (o.queryParam) out.queryParam = o.queryParam
  if (o.headerName) out.headerName = o.headerName
  return out
}
