// Entry point for the core: look a connector up by kind, validate a connection's options,
// and call register/update/unregister/list/sendTest. See types.ts for the contract.
import { aggregateIntelligenceConnector } from './aggregate-intelligence/connector'
import { droplitConnector } from './droplit/connector'
import { genericConnector } from './generic/connector'
import { myCirrusConnector } from './mycirrus/connector'
import type { Connector, ProviderKind } from './types'
import { webhooksApiConnector } from './webhooks-api/connector'

export const connectors = {
  mycirrus: myCirrusConnector,
  'aggregate-intelligence': aggregateIntelligenceConnector,
  droplit: droplitConnector,
  'webhooks-api': webhooksApiConnector,
  generic: genericConnector,
} as const satisfies Record<ProviderKind, { kind: ProviderKind }>

/** The connector for `kind`, typed loosely for code that handles every provider alike. */
export function getConnector(kind: ProviderKind): Connector<unknown> {
  return connectors[kind] as unknown as Connector<unknown>
}

/** What this particular connection can do (the generic connector depends on its templates). */
export function capabilitiesOf(kind: ProviderKind, options: unknown): Connector['capabilities'] {
  if (kind === 'generic') return genericConnector.capabilitiesFor(genericConnector.validateOptions(options))
  return connectors[kind].capabilities
}

export * from './types'
export * from './errors'
export { providerRequest, parseRetryAfter, defaultHttpSettings, type HttpSettings } from './http'
export { joinUrl, randomSecret } from './util'
export { myCirrusConnector, myCirrusOptionsSchema, MYCIRRUS_EVENT_TYPES, type MyCirrusOptions } from './mycirrus/connector'
export {
  aggregateIntelligenceConnector,
  aggregateIntelligenceOptionsSchema,
  type AggregateIntelligenceOptions,
} from './aggregate-intelligence/connector'
export { droplitConnector, droplitOptionsSchema, type DroplitOptions } from './droplit/connector'
export { webhooksApiConnector, webhooksApiOptionsSchema, type WebhooksApiOptions } from './webhooks-api/connector'
export { genericConnector, genericOptionsSchema, type GenericOptions } from './generic/connector'
