// For `hooktray simulate <provider>` and tests: start any simulator by kind with its defaults.
import { startSimulator as startAggregateIntelligence, AI_SIM_TOKEN } from './aggregate-intelligence'
import { startSimulator as startDroplit, DROPLIT_SIM_DELETED_ECOSYSTEM, DROPLIT_SIM_ECOSYSTEM, DROPLIT_SIM_TOKEN } from './droplit'
import { startSimulator as startMyCirrus, MYCIRRUS_SIM_KEY } from './mycirrus'
import { startSimulator as startWebhooksApi, WEBHOOKS_API_SIM_KEY } from './webhooks-api'
import type { DeliveryRecord, DeliverOptions, DeliverySettings } from './deliver'
import type { Fault, RecordedRequest } from './base'

export type SimulatedProvider = 'mycirrus' | 'aggregate-intelligence' | 'droplit' | 'webhooks-api'
export const simulatedProviders: SimulatedProvider[] = ['mycirrus', 'aggregate-intelligence', 'droplit', 'webhooks-api']

/** The part every simulator shares; the per-provider modules return richer types. */
export interface AnySimulator {
  url: string
  state: { webhooks: Map<string, object> }
  requests: RecordedRequest[]
  deliveries: DeliveryRecord[]
  failNext(count: number, fault?: Fault): void
  deliver(webhookId: string, options?: DeliverOptions): Promise<DeliveryRecord>
  close(): Promise<void>
}

/** Connection settings that work against a simulator started with defaults (for demos and the CLI). */
export interface SimulatorDefaults {
  apiKey: string
  /** Options for the matching connector, given the simulator's url. */
  connectorOptions(url: string): Record<string, unknown>
}

export const simulatorDefaults: Record<SimulatedProvider, SimulatorDefaults> = {
  mycirrus: { apiKey: MYCIRRUS_SIM_KEY, connectorOptions: (url) => ({ baseUrl: url, instrument: 'QT123456', types: ['NewMeasurement', 'InstrumentStatus'] }) },
  'aggregate-intelligence': { apiKey: AI_SIM_TOKEN, connectorOptions: (url) => ({ baseUrl: url, authType: 'bearer' }) },
  droplit: { apiKey: DROPLIT_SIM_TOKEN, connectorOptions: (url) => ({ baseUrl: url, ecosystemId: DROPLIT_SIM_ECOSYSTEM }) },
  // Seed 004 names no secret field; the demo pair opts into one called `secret` so deliveries are signed.
  'webhooks-api': { apiKey: WEBHOOKS_API_SIM_KEY, connectorOptions: (url) => ({ baseUrl: url, events: ['test'], secretField: 'secret' }) },
}

export function startProviderSimulator(kind: SimulatedProvider, settings: DeliverySettings = {}): Promise<AnySimulator> {
  switch (kind) {
    case 'mycirrus':
      return startMyCirrus(settings)
    case 'aggregate-intelligence':
      return startAggregateIntelligence(settings)
    case 'droplit':
      return startDroplit(settings)
    case 'webhooks-api':
      return startWebhooksApi({ secretField: 'secret', ...settings })
  }
}

export { DROPLIT_SIM_DELETED_ECOSYSTEM }
export { rewriteOrigin, type DeliverySettings, type DeliverOptions, type DeliveryRecord } from './deliver'
export type { Fault, RecordedRequest } from './base'
