// Small helpers for tests that talk to real sockets on 127.0.0.1.
import http from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface Reply {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string> | [string, string][]; body?: Buffer | string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers = Array.isArray(options.headers) ? options.headers.flat() : options.headers
    const req = http.request(url, { method: options.method ?? 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
      res.on('error', reject)
    })
    req.on('error', reject)
    if (options.body !== undefined) req.write(options.body)
    req.end()
  })
}

export function json<T = unknown>(reply: Reply): T {
  return JSON.parse(reply.body.toString('utf8')) as T
}

export function tempDir(prefix = 'hooktray-test-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}
