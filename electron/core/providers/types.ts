// The one interface every provider connector implements. Connectors are stateless: the core
// stores connections (options + API key) and registrations (what register() returned) and
// hands them back on each call.
import type { z } from 'zod'
import type { ReceiverCredential, VerifyConfig } from '../verify'
import type { HttpSettings } from './http'

export const providerKinds = ['mycirrus', 'aggregate-intelligence', 'droplit', 'webhooks-api', 'generic'] as const
export type ProviderKind = (typeof providerKinds)[number]

export interface ConnectorContext<O> {
  /** Output of validateOptions(). */
  options: O
  /** The credential for the provider's API (API key / access token). Never logged. */
  apiKey: string
  http?: Partial<HttpSettings>
  signal?: AbortSignal
}

/** Receiver-side secrets from an earlier registration, reused so verification survives a URL change. */
export interface GeneratedSecrets {
  secret?: string
  credential?: ReceiverCredential
}

export interface RegisterContext<O> extends ConnectorContext<O> {
  /** e.g. https://abc.trycloudflare.com (a path prefix is kept). */
  publicUrl: string
  /** The receiver path deliveries for this connection arrive on, e.g. /hooks/mycirrus. */
  receiverPath: string
  generated?: GeneratedSecrets
}

export interface RemoteWebhook {
  id: string
  url: string | null
  events: string[]
  disabled?: boolean
  description?: string
}

export interface Registration {
  /** Provider ids of what was created; several for a MyCirrus group, none when the API returns no id. */
  remoteIds: string[]
  /** The URL given to the provider. */
  targetUrl: string
  /** Signing secret (ours or provider-generated). Store encrypted. */
  secret?: string
  /** Credential the provider presents to our receiver (Aggregate Intelligence). Store encrypted. */
  credential?: ReceiverCredential
  /** How to check deliveries for this registration; null when the provider does not authenticate them. */
  verify: VerifyConfig | null
  /** What the provider reported back (no secrets). */
  remote: RemoteWebhook[]
}

export interface ConnectorCapabilities {
  /** update(): change the URL in place. Otherwise re-register on a URL change. */
  update: boolean
  /** unregister(): delete remotely. Otherwise old registrations can only be marked stale. */
  unregister: boolean
  /** list(): enumerate remote webhooks, for orphan detection. */
  list: boolean
  /** sendTest(): ask the provider to send a test delivery. */
  sendTest: boolean
}

export interface Connector<O = unknown> {
  kind: ProviderKind
  label: string
  optionsSchema: z.ZodType<O>
  /** Parse and default the connection's options; throws a ZodError listing every problem. */
  validateOptions(input: unknown): O
  capabilities: ConnectorCapabilities
  register(ctx: RegisterContext<O>): Promise<Registration>
  update?(ctx: RegisterContext<O>, previous: Registration): Promise<Registration>
  /** Deletes each id; an id the provider no longer knows (404) counts as deleted. */
  unregister?(ctx: ConnectorContext<O>, remoteIds: readonly string[]): Promise<void>
  list?(ctx: ConnectorContext<O>): Promise<RemoteWebhook[]>
  get?(ctx: ConnectorContext<O>, remoteId: string): Promise<RemoteWebhook>
  sendTest?(ctx: ConnectorContext<O>, remoteId: string): Promise<void>
}
