// Rows → what the API returns. Every credential and secret leaves here masked.
import type { ConnectionView, ProviderErrorKind, RegistrationView } from '../../../../shared/provider-schemas'
import type { SecretBox } from '../../secrets'
import type { ConnectionRow } from '../../store/connections'
import type { RegistrationRow } from '../../store/registrations'
import { asKind, connectionCapabilities, openCredentials } from './context'
import { describeFailure } from './describe'
import { maskValue, maskVerify, openMaterial } from './material'

export function connectionView(box: SecretBox, row: ConnectionRow, orphanCount: number | null): ConnectionView {
  let credentials: Record<string, string>
  let credentialsError = row.credentialsError
  try {
    credentials = Object.fromEntries(Object.entries(openCredentials(box, row.credentials)).map(([k, v]) => [k, maskValue(v)]))
  } catch (e) {
    credentials = {}
    credentialsError = describeFailure(e).message
  }
  return {
    id: row.id,
    provider: asKind(row.provider),
    name: row.name,
    baseUrl: row.baseUrl,
    options: row.options,
    credentials,
    capabilities: connectionCapabilities(row),
    credentialsError,
    orphanCount,
    createdAt: row.createdAt,
  }
}

export function registrationView(box: SecretBox, row: RegistrationRow, provider: string): RegistrationView {
  let verify: RegistrationView['verify'] = null
  let error = row.error
  let errorKind = row.errorKind as ProviderErrorKind | null
  try {
    verify = maskVerify(openMaterial(box, row.secrets).verify)
  } catch (e) {
    error = describeFailure(e).message
    errorKind = 'unexpected'
  }
  return {
    id: row.id,
    connectionId: row.connectionId,
    provider: asKind(provider),
    receiverPath: row.receiverPath,
    options: row.options,
    state: row.state,
    error,
    errorKind,
    notice: row.notice,
    remoteIds: row.remoteIds,
    targetUrl: row.targetUrl,
    verify,
    forwardTo: row.forwardTo,
    unregisterOnQuit: row.unregisterOnQuit,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}
