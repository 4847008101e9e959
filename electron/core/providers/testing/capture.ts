// Test support: a tiny receiver on 127.0.0.1 that keeps every request raw, so verifiers are
// proven on what a simulator actually sent over a socket.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { VerifyRequest } from '../../verify'
import type { HttpSettings } from '../http'

export interface Captured {
  method: string
  path: string
  query: string
  headers: [string, string][]
  body: Buffer
}

export interface CaptureServer {
  url: string
  requests: Captured[]
  close(): Promise<void>
}

export async function startCapture(status = 200): Promise<CaptureServer> {
  const requests: Captured[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const [path = '/', query = ''] = (req.url ?? '/').split(/\?(.*)/s)
      const headers: [string, string][] = []
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? ''])
      requests.push({ method: req.method ?? '', path, query, headers, body: Buffer.concat(chunks) })
      res.writeHead(status, { 'content-type': 'text/plain' })
      res.end('OK')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  }
}

export function asVerifyRequest(c: Captured): VerifyRequest {
  return { headers: c.headers, body: c.body, query: c.query }
}

export function withoutHeader(c: Captured, name: string): VerifyRequest {
  return { ...asVerifyRequest(c), headers: c.headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase()) }
}

/** HTTP settings for tests: no real waiting; every requested wait is recorded instead. */
export function recordingHttp(overrides: Partial<HttpSettings> = {}): { sleeps: number[]; http: Partial<HttpSettings> } {
  const sleeps: number[] = []
  return {
    sleeps,
    http: { timeoutMs: 5_000, maxRetries: 3, baseDelayMs: 100, maxDelayMs: 60_000, sleep: async (ms) => void sleeps.push(ms), ...overrides },
  }
}

export const PUBLIC_URL = 'https://hooks-test.trycloudflare.com'
