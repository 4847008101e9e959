import { z } from 'zod'

// Provider connections and registrations: the contract's arguments (plain zod) and the views the
// API returns. Views never carry a credential or secret except masked.

export const PROVIDER_KINDS = ['mycirrus', 'aggregate-intelligence', 'droplit', 'webhooks-api', 'generic'] as const
export type ProviderKindName = (typeof PROVIDER_KINDS)[number]

export interface ProviderInfo {
  label: string
  /** A few letters for the list's rows. */
  short: string
  /** The one field of `credentials` the provider's API needs. */
  credentialField: string
  credentialLabel: string
  /** The documented API base URL; null when the documents give none (then it is required). */
  defaultBaseUrl: string | null
}

export const PROVIDER_INFO: Record<ProviderKindName, ProviderInfo> = {
  mycirrus: { label: 'MyCirrus', short: 'MyCirrus', credentialField: 'apiKey', credentialLabel: 'API key', defaultBaseUrl: 'https://api.mycirrus.cloud/v1' },
  'aggregate-intelligence': { label: 'Aggregate Intelligence', short: 'AI', credentialField: 'accessToken', credentialLabel: 'Access token', defaultBaseUrl: null },
  droplit: { label: 'Droplit IoE', short: 'Droplit', credentialField: 'token', credentialLabel: 'Token', defaultBaseUrl: 'https://ioe.droplit.io/api' },
  'webhooks-api': { label: 'WebhooksApi (OpenAPI)', short: 'WebhooksApi', credentialField: 'token', credentialLabel: 'Token', defaultBaseUrl: null },
  generic: { label: 'Generic REST', short: 'REST', credentialField: 'apiKey', credentialLabel: 'API key', defaultBaseUrl: null },
}

/** MyCirrus event types (one webhook each) and Aggregate Intelligence auth types, for forms. */
export const MYCIRRUS_TYPE_NAMES = ['NewMeasurement', 'NewEvent', 'InstrumentStatus', 'CalibrationFinished', 'SicFinished'] as const
export const AUTH_TYPE_NAMES = ['none', 'basic', 'querystring', 'authheader', 'header', 'bearer'] as const

export const REGISTRATION_STATES = ['pending', 'registered', 'failed', 'stale', 'removed'] as const
export type RegistrationState = (typeof REGISTRATION_STATES)[number]
export type ProviderErrorKind = 'credentials' | 'rejected' | 'unavailable' | 'unexpected' | 'invalid'
export type VerificationResult = 'verified' | 'failed' | 'not-configured'

export interface ConnectionCapabilities {
  /** The webhook's URL can be changed in place. */
  update: boolean
  /** Webhooks can be deleted at the provider. */
  unregister: boolean
  /** Webhooks can be listed (orphan detection). */
  list: boolean
  /** The provider can be asked to send a test delivery. */
  sendTest: boolean
}

export interface ConnectionView {
  id: string
  provider: ProviderKindName
  name: string
  baseUrl: string | null
  /** Connection-level connector options (no secrets). */
  options: Record<string, unknown>
  /** Each credential masked, e.g. { apiKey: "sim-…-key" }. */
  credentials: Record<string, string>
  capabilities: ConnectionCapabilities
  /** The provider refused the credentials (401/403): its own words. Null when they last worked. */
  credentialsError: string | null
  /** Webhooks at the provider that no registration knows, from the last check (null: never checked). */
  orphanCount: number | null
  createdAt: number
}

/** How deliveries to a registration are checked; secrets masked. */
export type VerifySummary =
  | { scheme: 'hmac'; header: string; algorithm: string; encoding: string; prefix: string; secret: string }
  | { scheme: 'credential'; authType: string; queryParam: string; headerName: string; userName?: string; secret?: string }

export interface RegistrationView {
  id: string
  connectionId: string
  provider: ProviderKindName
  /** Deliveries to this path (and below it) belong to this registration. */
  receiverPath: string
  /** The provider options given at registration (a user-chosen secret is left out). */
  options: Record<string, unknown>
  state: RegistrationState
  /** Why it failed: the provider's own text where it gave one. */
  error: string | null
  errorKind: ProviderErrorKind | null
  /** Something the user should know that is not a failure (e.g. a stale webhook to delete by hand). */
  notice: string | null
  remoteIds: string[]
  /** The URL given to the provider. */
  targetUrl: string | null
  verify: VerifySummary | null
  /** Forward this registration's deliveries here (wins over the global forward target). */
  forwardTo: string | null
  unregisterOnQuit: boolean
  createdAt: number
  updatedAt: number
}

export interface OrphanView {
  remoteId: string
  url: string | null
  events: string[]
  /** The URL points at a Hooktray receiver path (/h/…), so an earlier run probably made it. */
  looksLikeHooktray: boolean
}

export interface OrphanReport {
  connectionId: string
  /** False when the provider's API cannot list webhooks. */
  supported: boolean
  /** False when the API cannot delete them (remove them in the provider's console). */
  removable: boolean
  items: OrphanView[]
  error: string | null
}

export interface TestDeliveryResult {
  /** 'provider': the provider was asked to send one; 'self': Hooktray sent a signed sample to the public URL. */
  via: 'provider' | 'self'
  ok: boolean
  status: number | null
  message: string
}

export const providerSettingsSchema = z.object({
  /** Status answered to a sender whose delivery failed verification. */
  failedVerificationStatus: z.number().int().min(200).max(599).default(401),
})
export type ProviderSettings = z.output<typeof providerSettingsSchema>
export const DEFAULT_PROVIDER_SETTINGS: ProviderSettings = { failedVerificationStatus: 401 }

const entityId = z.string().trim().min(1).max(100)
const options = z.record(z.string(), z.unknown())

export const providerArgSchemas = {
  listConnections: z.object({}),
  createConnection: z.object({
    provider: z.enum(PROVIDER_KINDS),
    name: z.string().trim().min(1, 'name is required').max(200),
    baseUrl: z.string().trim().nullish(),
    credentials: z.record(z.string(), z.string()),
    options: options.default({}),
  }),
  updateConnection: z.object({
    id: entityId,
    name: z.string().trim().min(1).max(200).optional(),
    baseUrl: z.string().trim().nullish(),
    /** Replaces the stored credentials (fields left out are kept). */
    credentials: z.record(z.string(), z.string()).optional(),
    options: options.optional(),
  }),
  deleteConnection: z.object({ id: entityId }),
  listRegistrations: z.object({
    connectionId: entityId.optional(),
    includeRemoved: z.boolean().default(false),
  }),
  getRegistration: z.object({ id: entityId }),
  createRegistration: z.object({
    connectionId: entityId,
    options: options.default({}),
    forwardTo: z.string().trim().nullish(),
    unregisterOnQuit: z.boolean().default(false),
  }),
  updateRegistration: z.object({
    id: entityId,
    forwardTo: z.string().trim().nullish(),
    unregisterOnQuit: z.boolean().optional(),
    /** The user has read the notice (e.g. "delete it in the provider's console"): clear it. */
    dismissNotice: z.boolean().optional(),
  }),
  retryRegistration: z.object({ id: entityId }),
  deleteRegistration: z.object({ id: entityId }),
  testRegistration: z.object({ id: entityId }),
  findOrphans: z.object({ connectionId: entityId }),
  removeOrphans: z.object({ connectionId: entityId, remoteIds: z.array(z.string().min(1)).min(1).max(500) }),
  getProviderSettings: z.object({}),
  setProviderSettings: providerSettingsSchema.partial(),
} as const

export interface ProviderResults {
  listConnections: { items: ConnectionView[] }
  createConnection: ConnectionView
  updateConnection: ConnectionView
  deleteConnection: { id: string; notices: string[] }
  listRegistrations: { items: RegistrationView[] }
  getRegistration: RegistrationView
  createRegistration: RegistrationView
  updateRegistration: RegistrationView
  retryRegistration: RegistrationView
  deleteRegistration: RegistrationView
  testRegistration: TestDeliveryResult
  findOrphans: OrphanReport
  removeOrphans: { removed: string[]; failed: { remoteId: string; error: string }[] }
  getProviderSettings: ProviderSettings
  setProviderSettings: ProviderSettings
}
