// The one way connectors talk to a provider: global fetch with a timeout, capped exponential
// backoff on 429/5xx honouring Retry-After, and typed errors carrying the provider's own text.
import {
  CredentialsError,
  ProviderError,
  ProviderUnavailableError,
  UnexpectedResponseError,
  redact,
} from './errors'

export interface HttpSettings {
  timeoutMs: number
  /** Retries after the first attempt, for 429 and 5xx only. */
  maxRetries: number
  baseDelayMs: number
  /** Cap on any single wait, including a provider's Retry-After. */
  maxDelayMs: number
  /** Injectable so tests can record waits instead of sleeping. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>
}

export const defaultHttpSettings: HttpSettings = {
  timeoutMs: 15_000,
  maxRetries: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      const t = setTimeout(resolve, ms)
      signal?.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason)), { once: true })
    }),
}

export interface ProviderRequest {
  /** Provider label used in error messages. */
  provider: string
  method: string
  url: string
  headers?: Record<string, string>
  /** Serialised as JSON with content-type application/json unless one is given. */
  json?: unknown
  body?: string
  /** Extract the provider's message from an error body; default: the raw body text. */
  errorText?: (text: string, json: unknown) => string | undefined
  /** Values that must never appear in an error message. */
  secrets?: readonly (string | undefined)[]
  settings?: Partial<HttpSettings>
  signal?: AbortSignal
}

export interface ProviderResponse {
  status: number
  headers: Headers
  text: string
  json: unknown
}

export async function providerRequest(req: ProviderRequest): Promise<ProviderResponse> {
  const s = { ...defaultHttpSettings, ...req.settings }
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers }
  let body = req.body
  if (req.json !== undefined) {
    body = JSON.stringify(req.json)
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json'
  }
  const clean = (t: string) => redact(t, req.secrets ?? [])
  for (let attempt = 1; ; attempt++) {
    let res: Response
    try {
      const signals = [AbortSignal.timeout(s.timeoutMs), ...(req.signal ? [req.signal] : [])]
      res = await fetch(req.url, { method: req.method, headers, body, redirect: 'manual', signal: AbortSignal.any(signals) })
    } catch (e) {
      if (req.signal?.aborted) throw e
      const why = e instanceof Error && e.name === 'TimeoutError' ? `no answer within ${s.timeoutMs} ms` : describeNetworkError(e)
      throw new ProviderUnavailableError(req.provider, null, clean(`${req.provider} could not be reached: ${why}`), attempt)
    }
    const text = await res.text()
    const json = parseJson(text)
    if (res.status >= 200 && res.status < 300) return { status: res.status, headers: res.headers, text, json }
    const providerText = clean((req.errorText?.(text, json) ?? text).trim())
    if (res.status === 429 || res.status >= 500) {
      if (attempt > s.maxRetries) {
        const what = providerText || `HTTP ${res.status}`
        throw new ProviderUnavailableError(req.provider, res.status, `${req.provider}: ${what} (gave up after ${attempt} attempts)`, attempt)
      }
      const hinted = parseRetryAfter(res.headers.get('retry-after'))
      const backoff = s.baseDelayMs * 2 ** (attempt - 1)
      await s.sleep(Math.min(hinted ?? backoff, s.maxDelayMs), req.signal)
      continue
    }
    if (res.status === 401 || res.status === 403) {
      throw new CredentialsError(req.provider, res.status, providerText || `${req.provider} refused the credentials (HTTP ${res.status})`)
    }
    if (res.status >= 400) throw new ProviderError(req.provider, res.status, providerText)
    throw new UnexpectedResponseError(req.provider, res.status, `${req.provider} answered HTTP ${res.status}`)
  }
}

/** Retry-After as delta-seconds or an HTTP date, in milliseconds from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null
  const v = value.trim()
  if (/^\d+$/.test(v)) return Number(v) * 1000
  const at = Date.parse(v)
  return Number.isNaN(at) ? null : Math.max(0, at - now)
}

export function parseJson(text: string): unknown {
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function describeNetworkError(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e))
}
