// Pure form logic for the Connections page: what the user typed → the contract's arguments.
import type { ArgsOf } from '../../../shared/contract'
import { PROVIDER_INFO, type ProviderKindName } from '../../../shared/provider-schemas'

export interface ConnectionForm {
  provider: ProviderKindName
  name: string
  baseUrl: string
  credential: string
  /** Connection options as JSON text (generic templates, WebhooksApi field names…); '' for none. */
  optionsJson: string
  /** MyCirrus: how X-Webhook-Signature encodes the HMAC (the documents: hex unless told otherwise). */
  signatureEncoding: 'hex' | 'base64'
}

export interface RegistrationForm {
  // MyCirrus
  types: string[]
  instrument: string
  secret: string
  // Aggregate Intelligence
  isAlertHook: boolean
  authType: string
  // Droplit
  ecosystemId: string
  description: string
  // WebhooksApi
  events: string
  // Every kind
  forwardTo: string
  unregisterOnQuit: boolean
}

export const emptyConnectionForm = (provider: ProviderKindName = 'mycirrus'): ConnectionForm => ({
  provider,
  name: '',
  baseUrl: '',
  credential: '',
  optionsJson: '',
  signatureEncoding: 'hex',
})

export const emptyRegistrationForm = (): RegistrationForm => ({
  types: ['NewMeasurement'],
  instrument: '',
  secret: '',
  isAlertHook: false,
  authType: 'bearer',
  ecosystemId: '',
  description: '',
  events: '',
  forwardTo: '',
  unregisterOnQuit: false,
})

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string }

function parseOptions(text: string): Parsed<Record<string, unknown>> {
  if (!text.trim()) return { ok: true, value: {} }
  try {
    const v: unknown = JSON.parse(text)
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false, error: 'Options must be a JSON object, e.g. {"secretField": "secret"}' }
    return { ok: true, value: v as Record<string, unknown> }
  } catch (err) {
    return { ok: false, error: `Options are not valid JSON: ${(err as Error).message}` }
  }
}

/** MyCirrus: the select says how signatures are encoded, whatever the options text says. */
function withEncoding(options: Record<string, unknown>, encoding: ConnectionForm['signatureEncoding']): Record<string, unknown> {
  const rest = { ...options }
  delete rest.signatureEncoding
  return encoding === 'base64' ? { ...rest, signatureEncoding: 'base64' } : rest
}

export function connectionArgs(form: ConnectionForm): Parsed<ArgsOf<'createConnection'>> {
  const info = PROVIDER_INFO[form.provider]
  const options = parseOptions(form.optionsJson)
  if (!options.ok) return options
  const name = form.name.trim() || info.label
  const baseUrl = form.baseUrl.trim()
  return {
    ok: true,
    value: {
      provider: form.provider,
      name,
      ...(baseUrl ? { baseUrl } : {}),
      credentials: { [info.credentialField]: form.credential },
      options: form.provider === 'mycirrus' ? withEncoding(options.value, form.signatureEncoding) : options.value,
    },
  }
}

/** Only the fields the provider's API takes; the core validates them and answers in words. */
export function registrationOptions(provider: ProviderKindName, f: RegistrationForm): Record<string, unknown> {
  switch (provider) {
    case 'mycirrus':
      return { instrument: f.instrument.trim(), types: f.types, ...(f.secret ? { secret: f.secret } : {}) }
    case 'aggregate-intelligence':
      return { authType: f.authType, isAlertHook: f.isAlertHook }
    case 'droplit':
      return { ecosystemId: f.ecosystemId.trim(), ...(f.description.trim() ? { description: f.description.trim() } : {}) }
    case 'webhooks-api':
      return {
        events: f.events
          .split(/[,\s]+/)
          .map((e) => e.trim())
          .filter(Boolean),
      }
    case 'generic':
      return {}
  }
}

export function registrationArgs(connectionId: string, provider: ProviderKindName, f: RegistrationForm): ArgsOf<'createRegistration'> {
  const forwardTo = f.forwardTo.trim()
  return {
    connectionId,
    options: registrationOptions(provider, f),
    ...(forwardTo ? { forwardTo } : {}),
    unregisterOnQuit: f.unregisterOnQuit,
  }
}

export function toggle(list: string[], value: string): string[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value]
}
