import http from 'node:http'
import https from 'node:https'
import { performance } from 'node:perf_hooks'
import type { HeaderPair } from '../../../shared/types'
import { MAX_STORED_RESPONSE_BYTES } from '../store/attempts'

export const DEFAULT_TIMEOUT_MS = 10_000
/** Past this many response bytes the socket is cut: counting forever is not worth a connection. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024

export interface OutgoingRequest {
  /** Scheme, host and port come from here; the path does not. */
  url: URL
  method: string
  /** Path plus '?query' when there is one, exactly as it goes on the request line. */
  path: string
  /** Sent in this order and case, Host and Content-Length included. */
  headers: HeaderPair[]
  body: Buffer
}

export interface SendOptions {
  timeoutMs?: number
  /** Response bytes kept in memory; the rest is counted and dropped. */
  keepBytes?: number
  /** Response bytes read at most; then the connection is destroyed. */
  maxResponseBytes?: number
  /** Extra TLS options (a test CA, say). */
  tls?: Pick<https.RequestOptions, 'ca' | 'rejectUnauthorized'>
}

export interface SendResult {
  status: number | null
  error: string | null
  responseHeaders: HeaderPair[]
  /** At most keepBytes. */
  responseBody: Buffer
  responseBodySize: number
  truncated: boolean
  durationMs: number
}

const TLS_CODE = /CERT|SSL|TLS|EPROTO|ALTNAME|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/

/** A network failure in the words the attempt list shows. */
export function describeError(err: unknown, url: URL): string {
  const e = err as NodeJS.ErrnoException
  const code = e?.code ?? ''
  const message = e?.message ?? String(err)
  const host = url.hostname
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused (ECONNREFUSED)'
    case 'ENOTFOUND':
      return `DNS lookup failed: host ${host} not found (ENOTFOUND)`
    case 'EAI_AGAIN':
      return `DNS lookup failed for ${host}: temporary failure (EAI_AGAIN)`
    case 'ECONNRESET':
      return message === 'socket hang up' ? 'socket hang up (ECONNRESET)' : 'connection reset by the target (ECONNRESET)'
    case 'EHOSTUNREACH':
      return 'host unreachable (EHOSTUNREACH)'
    case 'ENETUNREACH':
      return 'network unreachable (ENETUNREACH)'
    case 'ETIMEDOUT':
      return 'connection timed out (ETIMEDOUT)'
    case 'EPIPE':
      return 'the target closed the connection while the body was being sent (EPIPE)'
  }
  if (TLS_CODE.test(code)) return `TLS error: ${message} (${code})`
  return code ? `${message} (${code})` : message
}

function toPairs(raw: string[]): HeaderPair[] {
  const pairs: HeaderPair[] = []
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!])
  return pairs
}

/**
 * Sends one request with node:http(s) directly: headers go out as a flat array, which Node
 * writes in order and case without adding Host. Redirects are answers, not followed. The
 * response body is never buffered whole. Never rejects: failures come back as `error`.
 */
export function sendRequest(req: OutgoingRequest, options: SendOptions = {}): Promise<SendResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const keepBytes = options.keepBytes ?? MAX_STORED_RESPONSE_BYTES
  const maxBytes = Math.max(options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, keepBytes)
  const started = performance.now()

  return new Promise<SendResult>((resolve) => {
    let settled = false
    let status: number | null = null
    let responseHeaders: HeaderPair[] = []
    const kept: Buffer[] = []
    let keptLength = 0
    let size = 0
    let client: http.ClientRequest | null = null

    const finish = (error: string | null): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      client?.destroy()
      resolve({
        status,
        error,
        responseHeaders,
        responseBody: kept.length === 1 ? kept[0]! : Buffer.concat(kept, keptLength),
        responseBodySize: size,
        truncated: size > keptLength,
        durationMs: Math.round(performance.now() - started),
      })
    }
    const timer = setTimeout(() => finish(`timed out after ${timeoutMs} ms`), timeoutMs)

    const url = req.url
    const lib = url.protocol === 'https:' ? https : http
    const flat: string[] = []
    for (const [n, v] of req.headers) flat.push(n, v)
    try {
      client = lib.request({
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || undefined,
        method: req.method,
        path: req.path,
        headers: flat,
        // A fresh connection per attempt: nothing from an earlier attempt can leak into this one.
        agent: false,
        ...options.tls,
      })
    } catch (err) {
      finish(describeError(err, url))
      return
    }

    client.on('response', (res) => {
      status = res.statusCode ?? null
      responseHeaders = toPairs(res.rawHeaders)
      res.on('data', (chunk: Buffer) => {
        if (settled) return
        size += chunk.length
        if (keptLength < keepBytes) {
          const part = chunk.length <= keepBytes - keptLength ? chunk : chunk.subarray(0, keepBytes - keptLength)
          kept.push(part)
          keptLength += part.length
        }
        if (size > maxBytes) {
          finish(`response body exceeds ${maxBytes} bytes: stopped reading`)
        }
      })
      res.on('end', () => finish(null))
      res.on('close', () => {
        if (!res.complete) finish('connection dropped before the response was complete')
      })
      res.on('error', () => {})
    })
    client.on('error', (err) => {
      // A target may answer early (a 413, say) and close while the body is still going out:
      // its answer is what counts, and the response's own end or close settles the attempt.
      if (status !== null) return
      finish(describeError(err, url))
    })
    client.end(req.body)
  })
}
