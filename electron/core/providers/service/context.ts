// Turns stored rows into what a connector call needs: the connector, its validated options and
// the decrypted API credential.
import { ZodError } from 'zod'
import { ApiError } from '../../../../shared/contract'
import { AUTH_TYPE_NAMES, MYCIRRUS_TYPE_NAMES, PROVIDER_INFO, PROVIDER_KINDS, type ConnectionCapabilities } from '../../../../shared/provider-schemas'
import { openWith, sealWith, type SecretBox } from '../../secrets'
import type { ConnectionRow } from '../../store/connections'
import type { HttpSettings } from '../http'
import { capabilitiesOf, getConnector, type MYCIRRUS_EVENT_TYPES } from '../index'
import type { AuthType } from '../../verify'
import type { Connector, ConnectorContext, ProviderKind } from '../types'
import { httpUrlSchema } from '../util'
import { zodMessage } from './describe'

// The shared list (renderer-safe) and the connectors' list must name the same kinds.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const kindsMatch: Same<(typeof PROVIDER_KINDS)[number], ProviderKind> = true
void kindsMatch
const typesMatch: Same<(typeof MYCIRRUS_TYPE_NAMES)[number], (typeof MYCIRRUS_EVENT_TYPES)[number]> = true
const authMatch: Same<(typeof AUTH_TYPE_NAMES)[number], AuthType> = true
void typesMatch
void authMatch

/** Options that belong to one registration rather than to the connection. */
export const REGISTRATION_FIELDS: Record<ProviderKind, readonly string[]> = {
  mycirrus: ['instrument', 'types', 'secret'],
  'aggregate-intelligence': ['authType', 'isAlertHook'],
  droplit: ['ecosystemId', 'description'],
  'webhooks-api': ['events'],
  generic: [],
}

export function asKind(provider: string): ProviderKind {
  if (!(PROVIDER_KINDS as readonly string[]).includes(provider)) throw new ApiError(500, `unknown provider kind "${provider}" in the database`)
  return provider as ProviderKind
}

export function sealCredentials(box: SecretBox, credentials: Record<string, string>): Buffer {
  return sealWith(box, JSON.stringify(credentials))
}

export function openCredentials(box: SecretBox, blob: Buffer): Record<string, string> {
  return JSON.parse(openWith(box, blob)) as Record<string, string>
}

/** The credential fields a connection of `kind` stores: only the one its API needs. */
export function checkCredentials(kind: ProviderKind, credentials: Record<string, string>): Record<string, string> {
  const field = PROVIDER_INFO[kind].credentialField
  const value = credentials[field]?.trim()
  if (!value) throw new ApiError(400, `credentials.${field} is required for ${PROVIDER_INFO[kind].label}`)
  return { [field]: value }
}

export function checkBaseUrl(kind: ProviderKind, baseUrl: string | null | undefined): string | null {
  const url = baseUrl?.trim() || null
  if (!url) {
    if (PROVIDER_INFO[kind].defaultBaseUrl === null) throw new ApiError(400, `baseUrl is required for ${PROVIDER_INFO[kind].label}`)
    return null
  }
  if (!httpUrlSchema.safeParse(url).success) throw new ApiError(400, `baseUrl must be an http(s) URL, got "${url}"`)
  return url
}

/** Checks connection-level options now; registration fields are checked when registering. */
export function checkConnectionOptions(kind: ProviderKind, baseUrl: string | null, options: Record<string, unknown>): void {
  try {
    getConnector(kind).validateOptions({ ...options, ...(baseUrl ? { baseUrl } : {}) })
  } catch (e) {
    if (!(e instanceof ZodError)) throw e
    const own = REGISTRATION_FIELDS[kind]
    const issues = e.issues.filter((i) => !(typeof i.path[0] === 'string' && own.includes(i.path[0])))
    if (issues.length) throw new ApiError(400, `options: ${zodMessage(new ZodError(issues))}`)
  }
}

export interface CallContext {
  kind: ProviderKind
  connector: Connector<unknown>
  ctx: ConnectorContext<unknown>
  capabilities: ConnectionCapabilities
}

/** Validated connector options for a connection plus one registration's options. Throws ZodError. */
export function connectorOptions(conn: ConnectionRow, regOptions: Record<string, unknown>, userSecret?: string): unknown {
  const kind = asKind(conn.provider)
  return getConnector(kind).validateOptions({
    ...conn.options,
    ...(conn.baseUrl ? { baseUrl: conn.baseUrl } : {}),
    ...regOptions,
    ...(userSecret ? { secret: userSecret } : {}),
  })
}

export function callContext(
  box: SecretBox,
  conn: ConnectionRow,
  options: unknown,
  http: Partial<HttpSettings> | undefined,
  signal?: AbortSignal,
): CallContext {
  const kind = asKind(conn.provider)
  const apiKey = openCredentials(box, conn.credentials)[PROVIDER_INFO[kind].credentialField] ?? ''
  return {
    kind,
    connector: getConnector(kind),
    ctx: { options, apiKey, ...(http ? { http } : {}), ...(signal ? { signal } : {}) },
    capabilities: capabilitiesOf(kind, options),
  }
}

/** Capabilities for display, without registration options (generic depends on connection options only). */
export function connectionCapabilities(conn: ConnectionRow): ConnectionCapabilities {
  const kind = asKind(conn.provider)
  if (kind !== 'generic') return getConnector(kind).capabilities
  try {
    return capabilitiesOf(kind, { ...conn.options, ...(conn.baseUrl ? { baseUrl: conn.baseUrl } : {}) })
  } catch {
    return { update: false, unregister: false, list: false, sendTest: false }
  }
}
