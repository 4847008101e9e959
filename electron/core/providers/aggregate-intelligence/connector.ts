// Aggregate Intelligence rates API (seed 002): the provider authenticates itself to OUR
// receiver with a credential we generate and register (authType). The 201 answer carries no
// webhook id and the seed documents no list, update or delete: registrations cannot be found
// again, so a URL change registers anew and the old one is marked stale.
import { z } from 'zod'
import { authTypes, type AuthType, type ReceiverCredential } from '../../verify'
import { providerRequest } from '../http'
import type { Connector } from '../types'
import { apiUrl, httpUrlSchema, joinUrl, randomSecret } from '../util'

export const aggregateIntelligenceOptionsSchema = z.object({
  /** The seed gives no host: required. */
  baseUrl: httpUrlSchema,
  authType: z.enum(authTypes).default('bearer'),
  isAlertHook: z.boolean().optional(),
  /** Not named by the seed: settings with these defaults, shared with verification. */
  queryParam: z.string().min(1).default('token'),
  headerName: z.string().min(1).default('X-Webhook-Token'),
})
export type AggregateIntelligenceOptions = z.output<typeof aggregateIntelligenceOptionsSchema>

const PROVIDER = 'Aggregate Intelligence'

/** The credential an authType needs, reusing a previous one of the same authType. */
export function credentialFor(authType: AuthType, previous?: ReceiverCredential): ReceiverCredential {
  if (previous && previous.authType === authType) return previous
  if (authType === 'none') return { authType }
  if (authType === 'basic') return { authType, userName: `hooktray-${randomSecret(6)}`, password: randomSecret(24) }
  return { authType, token: randomSecret(32) }
}

export const aggregateIntelligenceConnector: Connector<AggregateIntelligenceOptions> = {
  kind: 'aggregate-intelligence',
  label: 'Aggregate Intelligence',
  optionsSchema: aggregateIntelligenceOptionsSchema,
  validateOptions: (input) => aggregateIntelligenceOptionsSchema.parse(input),
  capabilities: { update: false, unregister: false, list: false, sendTest: false },

  async register(ctx) {
    const { authType, isAlertHook, queryParam, headerName } = ctx.options
    const targetUrl = joinUrl(ctx.publicUrl, ctx.receiverPath)
    const credential = credentialFor(authType, ctx.generated?.credential)
    const { authType: _, ...fields } = credential
    const secrets = [ctx.apiKey, ...Object.values(fields)]
    await providerRequest({
      provider: PROVIDER,
      method: 'POST',
      url: apiUrl(ctx.options.baseUrl, '/webhooks'),
      headers: { Authorization: `Bearer ${ctx.apiKey}` },
      json: { ...(isAlertHook === undefined ? {} : { isAlertHook }), endpoint: targetUrl, authType, ...fields },
      secrets,
      settings: ctx.http,
      signal: ctx.signal,
    })
    return {
      remoteIds: [],
      targetUrl,
      ...(authType === 'none' ? {} : { credential }),
      verify: authType === 'none' ? null : { scheme: 'credential', credential, queryParam, headerName },
      remote: [],
    }
  },
}
