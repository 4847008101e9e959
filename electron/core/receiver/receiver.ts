import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { HeaderPair } from '../../../shared/types'

export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024

/** A request exactly as it arrived, before it is stored. */
export interface CapturedRequest {
  receivedAt: number
  method: string
  path: string
  query: string
  headers: HeaderPair[]
  body: Buffer
  remoteAddress: string
  httpVersion: string
  /** Set for bytes that did not parse as HTTP; they are kept raw in `body`. */
  parseError: string | null
}

export interface ReceiverAnswer {
  status: number
  headers: HeaderPair[]
  body: Buffer | string
}

/**
 * Decides what to do with a captured request. It must resolve only after the request is
 * durably stored; the receiver sends its answer then, and never before.
 */
export type CaptureHandler = (request: CapturedRequest) => Promise<ReceiverAnswer>

export interface ReceiverOptions {
  host: string
  port: number
  bodyLimit?: number
  handle: CaptureHandler
}

export interface Receiver {
  readonly server: http.Server
  readonly host: string
  readonly port: number
  readonly url: string
  close(): Promise<void>
}

/** How long an over-limit upload may keep sending (discarded) before its socket is cut. */
const DRAIN_GRACE_MS = 2000

const JSON_HEADERS: HeaderPair[] = [['Content-Type', 'application/json']]

function jsonAnswer(status: number, value: unknown): ReceiverAnswer {
  return { status, headers: JSON_HEADERS, body: JSON.stringify(value) }
}

/** The usual answer, `200 {"ok":true,"id":N}`, built without a JSON round trip. */
export function storedAnswer(id: number): ReceiverAnswer {
  return { status: 200, headers: JSON_HEADERS, body: `{"ok":true,"id":${id}}` }
}

export function toPairs(raw: string[]): HeaderPair[] {
  const pairs: HeaderPair[] = []
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!])
  return pairs
}

export function splitTarget(target: string): { path: string; query: string } {
  const q = target.indexOf('?')
  return q === -1 ? { path: target, query: '' } : { path: target.slice(0, q), query: target.slice(q + 1) }
}

function send(res: http.ServerResponse, answer: ReceiverAnswer): void {
  if (res.headersSent || res.destroyed) return
  const body = answer.body
  const headers: string[] = []
  for (const [name, value] of answer.headers) headers.push(name, value)
  headers.push('Content-Length', String(typeof body === 'string' ? Buffer.byteLength(body) : body.length))
  res.writeHead(answer.status, headers)
  // A string body leaves with the head in one write; a Buffer needs a second one.
  res.end(body)
}

/**
 * The capture server. Every request on this port, any method and path, is a capture: this is
 * the port a tunnel exposes, so it never serves the API or the UI.
 */
export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT
  const sockets = new Set<Socket>()

  // requireHostHeader off: a Host-less HTTP/1.1 request is still a delivery worth seeing.
  const server = http.createServer({ requireHostHeader: false }, (req, res) => {
    const receivedAt = Date.now()
    const { path, query } = splitTarget(req.url ?? '/')

    const refuseTooLarge = (): void => {
      // Nothing is stored for an over-limit body. Tell the sender now, discard (not buffer)
      // whatever it still sends for a moment so it can read the answer, then cut the socket.
      res.setHeader('Connection', 'close')
      send(res, jsonAnswer(413, { ok: false, error: `body exceeds the ${limit}-byte limit` }))
      req.removeAllListeners('data')
      req.resume()
      const timer = setTimeout(() => req.socket.destroy(), DRAIN_GRACE_MS)
      timer.unref()
      req.once('end', () => clearTimeout(timer))
    }

    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) {
      refuseTooLarge()
      return
    }

    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return
      size += chunk.length
      if (size > limit) {
        tooLarge = true
        chunks.length = 0
        refuseTooLarge()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (tooLarge) return
      const captured: CapturedRequest = {
        receivedAt,
        method: req.method ?? 'GET',
        path,
        query,
        headers: toPairs(req.rawHeaders),
        body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size),
        remoteAddress: req.socket.remoteAddress ?? '',
        httpVersion: req.httpVersion,
        parseError: null,
      }
      options.handle(captured).then(
        (answer) => send(res, answer),
        (err: unknown) => {
          console.error('[hooktray] could not store a delivery:', err)
          send(res, jsonAnswer(500, { ok: false, error: 'Hooktray could not store this request' }))
        },
      )
    })
    // A sender that disconnects mid-body leaves nothing behind: 'end' never fires.
    req.on('error', () => {})
  })

  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })

  // Bytes that are not valid HTTP are still a capture: keep them raw, flagged, and answer 400.
  server.on('clientError', (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket) => {
    if (!socket.writable || err.code === 'ECONNRESET' || !err.rawPacket?.length) {
      socket.destroy()
      return
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400
    const captured: CapturedRequest = {
      receivedAt: Date.now(),
      method: '',
      path: '',
      query: '',
      headers: [],
      body: Buffer.from(err.rawPacket),
      remoteAddress: socket.remoteAddress ?? '',
      httpVersion: '',
      parseError: `${err.code ?? 'EPARSE'}: ${err.message}`,
    }
    options.handle(captured).then(
      () => {
        const body = JSON.stringify({ ok: false, error: 'malformed HTTP request (stored raw)' })
        socket.end(
          `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        )
      },
      () => socket.destroy(),
    )
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const urlHost = options.host.includes(':') ? `[${options.host}]` : options.host
  const displayHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : urlHost

  return {
    server,
    host: options.host,
    port,
    url: `http://${displayHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Idle keep-alive sockets would hold close() open; in-flight ones finish their answer first.
        server.closeIdleConnections()
        setTimeout(() => {
          for (const s of sockets) s.destroy()
        }, 1000).unref()
      }),
  }
}

export { jsonAnswer }
