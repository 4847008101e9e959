// Droplit IoE (seed 003): POST /webhooks with the raw token in `authorization`. The seed
// documents creation only (no list, update or delete): a URL change registers anew and the old
// webhook is marked stale. Deliveries are HMAC-signed when a secret is registered (public docs:
// x-droplit-signature, SHA-256 hex), kept as a setting.
import { z } from 'zod'
import { hmacSchemeSchema } from '../../verify'
import { providerRequest } from '../http'
import type { Connector } from '../types'
import { apiUrl, httpUrlSchema, isObject, joinUrl, randomSecret, requireId } from '../util'

export const droplitOptionsSchema = z.object({
  baseUrl: httpUrlSchema.default('https://ioe.droplit.io/api'),
  ecosystemId: z.string().trim().min(1),
  description: z.string().optional(),
  /** Generate and register a secret so deliveries can be verified. */
  useSecret: z.boolean().default(true),
  signature: hmacSchemeSchema.prefault({ header: 'x-droplit-signature' }),
})
export type DroplitOptions = z.output<typeof droplitOptionsSchema>

const PROVIDER = 'Droplit'

export const droplitConnector: Connector<DroplitOptions> = {
  kind: 'droplit',
  label: 'Droplit IoE',
  optionsSchema: droplitOptionsSchema,
  validateOptions: (input) => droplitOptionsSchema.parse(input),
  capabilities: { update: false, unregister: false, list: false, sendTest: false },

  async register(ctx) {
    const { ecosystemId, description, useSecret, signature } = ctx.options
    const targetUrl = joinUrl(ctx.publicUrl, ctx.receiverPath)
    const secret = useSecret ? (ctx.generated?.secret ?? randomSecret()) : undefined
    const res = await providerRequest({
      provider: PROVIDER,
      method: 'POST',
      url: apiUrl(ctx.options.baseUrl, '/webhooks'),
      // Seed 003: the token goes in raw, without a "Bearer" scheme.
      headers: { authorization: ctx.apiKey, 'content-type': 'application/json' },
      json: { ecosystemId, url: targetUrl, ...(secret ? { secret } : {}), ...(description ? { description } : {}) },
      secrets: [ctx.apiKey, secret],
      settings: ctx.http,
      signal: ctx.signal,
    })
    const hook = isObject(res.json) ? res.json : {}
    const id = requireId(PROVIDER, res.status, hook.id, 'id')
    return {
      remoteIds: [id],
      targetUrl,
      ...(secret ? { secret } : {}),
      verify: secret ? { scheme: 'hmac', secret, ...signature } : null,
      remote: [
        {
          id,
          url: typeof hook.url === 'string' ? hook.url : targetUrl,
          events: [],
          ...(typeof hook.disabled === 'boolean' ? { disabled: hook.disabled } : {}),
          ...(droplitDescription(hook) !== undefined ? { description: droplitDescription(hook) } : {}),
        },
      ],
    }
  },
}

/** The seed's 201 example spells it `desription`; accept either spelling. */
export function droplitDescription(hook: Record<string, unknown>): string | undefined {
  const v = hook.description ?? hook.desription
  return typeof v === 'string' ? v : undefined
}
