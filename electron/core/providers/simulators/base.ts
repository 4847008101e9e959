// node:http scaffolding shared by the provider simulators: body reading, JSON replies, a request
// log, and the fault hook (answer 429/5xx for the next N requests) used to prove retries.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface SimRequest {
  method: string
  pathname: string
  query: URLSearchParams
  headers: http.IncomingHttpHeaders
  body: Buffer
  text: string
}

export interface SimReply {
  status: number
  headers?: Record<string, string>
  /** Serialised as the JSON body; `text` wins when both are set. */
  json?: unknown
  text?: string
}

export interface Fault {
  /** 429 by default; any 5xx for server-error faults. */
  status?: number
  /** Sent as the Retry-After header verbatim (seconds or an HTTP date). */
  retryAfter?: string | number
}

export interface RecordedRequest {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
  body: string
  status: number
  responseBody: string
}

export interface BaseServer {
  /** http://127.0.0.1:<port> */
  origin: string
  requests: RecordedRequest[]
  failNext(count: number, fault?: Fault): void
  close(): Promise<void>
}

export interface BaseOptions {
  handle(req: SimRequest): SimReply | Promise<SimReply>
  /** The provider's body for an injected fault (MyCirrus documents its 429 body). */
  faultReply(status: number): SimReply
}

export async function startBase(options: BaseOptions): Promise<BaseServer> {
  const faults: Fault[] = []
  const requests: RecordedRequest[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks)
        const url = new URL(req.url ?? '/', 'http://simulator')
        const sim: SimRequest = {
          method: req.method ?? 'GET',
          pathname: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body,
          text: body.toString('utf8'),
        }
        let reply: SimReply
        const fault = faults.shift()
        if (fault) {
          const status = fault.status ?? 429
          reply = options.faultReply(status)
          reply = { ...reply, status }
          if (fault.retryAfter !== undefined) reply.headers = { ...reply.headers, 'retry-after': String(fault.retryAfter) }
        } else {
          try {
            reply = await options.handle(sim)
          } catch (e) {
            reply = { status: 500, text: `simulator error: ${e instanceof Error ? e.message : String(e)}` }
          }
        }
        const text = reply.text ?? (reply.json === undefined ? '' : JSON.stringify(reply.json))
        const headers: Record<string, string> = { ...reply.headers }
        if (text && reply.text === undefined) headers['content-type'] = 'application/json'
        requests.push({ method: sim.method, path: req.url ?? '/', headers: req.headers, body: sim.text, status: reply.status, responseBody: text })
        res.writeHead(reply.status, headers)
        res.end(text)
      })()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    failNext(count, fault = {}) {
      for (let i = 0; i < count; i++) faults.push(fault)
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** The JSON object body, or null when the body is not a JSON object. */
export function jsonObject(req: SimRequest): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(req.text)
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** Media type without parameters, lower-cased ('' when absent). */
export function mediaType(req: SimRequest): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}

/** A value the sender actually provided (absent, null and '' count as not provided). */
export function provided(v: unknown): boolean {
  return v !== undefined && v !== null && v !== ''
}

export function isHttpUrl(v: unknown, httpsOnly = false): boolean {
  if (typeof v !== 'string') return false
  try {
    const u = new URL(v)
    return httpsOnly ? u.protocol === 'https:' : u.protocol === 'https:' || u.protocol === 'http:'
  } catch {
    return false
  }
}

/** `2025-05-04T09:42:00Z`: the documents' timestamp shape (no milliseconds). */
export function isoSeconds(d = new Date()): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z')
}
