// Typed failures of a provider's API. The UI shows `message`; it is the provider's own text
// where the provider gave one, and it never contains a credential (see redact()).

export type ProviderFailure = 'credentials' | 'rejected' | 'unavailable' | 'unexpected'

export interface PartialRegistration {
  /** Webhooks already created at the provider before a later request in the group failed. */
  remoteIds: string[]
  secret?: string
}

export abstract class ProviderApiError extends Error {
  abstract readonly failure: ProviderFailure
  /** Set when a multi-request registration failed half-way: these exist remotely. */
  partial?: PartialRegistration

  constructor(
    readonly provider: string,
    readonly status: number | null,
    message: string,
  ) {
    super(message)
  }
}

/** 401/403: the API key or token is wrong, expired or lacks a scope/permission. */
export class CredentialsError extends ProviderApiError {
  override name = 'CredentialsError'
  readonly failure = 'credentials'
}

/** 400/404/409 (and any other 4xx): the provider's verdict, word for word in `providerText`. */
export class ProviderError extends ProviderApiError {
  override name = 'ProviderError'
  readonly failure = 'rejected'
  constructor(
    provider: string,
    status: number,
    readonly providerText: string,
  ) {
    super(provider, status, providerText || `HTTP ${status}`)
  }
}

/** 429/5xx after the retries ran out, a timeout, or no connection at all. Worth trying later. */
export class ProviderUnavailableError extends ProviderApiError {
  override name = 'ProviderUnavailableError'
  readonly failure = 'unavailable'
  constructor(
    provider: string,
    status: number | null,
    message: string,
    readonly attempts: number,
  ) {
    super(provider, status, message)
  }
}

/** A success status with a body we cannot use (no id, not JSON), or a redirect. */
export class UnexpectedResponseError extends ProviderApiError {
  override name = 'UnexpectedResponseError'
  readonly failure = 'unexpected'
}

export function isProviderApiError(e: unknown): e is ProviderApiError {
  return e instanceof ProviderApiError
}

/** Replace every occurrence of each secret. Values under 8 chars are left alone: they are not
 * real keys and would shred the provider's wording (a key named "expired" in a test did). */
export function redact(text: string, secrets: readonly (string | undefined | null)[]): string {
  let out = text
  for (const s of secrets) if (s && s.length >= 8) out = out.split(s).join('[redacted]')
  return out
}
