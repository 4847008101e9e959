// The provider service: connections, registrations and their lifecycle, capture-time
// verification. core.ts creates it; providers-api.ts exposes it through the contract.
export { createProviderService, replaceHeaders, PROVIDER_SETTINGS_KEY, type InspectedRequest, type ProviderService, type ProviderServiceDeps, type Verdict } from './provider-service'
export { providersApi, type ProviderMethod } from './providers-api'
export { maskValue } from './material'
