import type http from 'node:http'
import { ApiError } from '../../shared/contract'
import { encodeWire } from '../../shared/wire'

export interface RouteContext {
  req: http.IncomingMessage
  res: http.ServerResponse
  params: Record<string, string>
  url: URL
  /** The request body parsed as JSON ({} when empty); 400 on invalid JSON. */
  json(): Promise<unknown>
}

export type RouteHandler = (ctx: RouteContext) => Promise<void> | void

export interface Route {
  method: string
  /** Path pattern with `:name` segments, e.g. /api/deliveries/:id/body */
  path: string
  handler: RouteHandler
}

interface Compiled extends Route {
  regex: RegExp
  names: string[]
}

export const MAX_JSON_BODY = 32 * 1024 * 1024

export function compile(routes: Route[]): Compiled[] {
  return routes.map((r) => {
    const names: string[] = []
    const pattern = r.path.replace(/:([a-zA-Z]+)/g, (_m, name: string) => {
      names.push(name)
      return '([^/]+)'
    })
    return { ...r, regex: new RegExp(`^${pattern}$`), names }
  })
}

export function match(
  routes: Compiled[],
  method: string,
  pathname: string,
): { route: Compiled; params: Record<string, string> } | 'method-not-allowed' | null {
  let pathMatched = false
  for (const route of routes) {
    const m = route.regex.exec(pathname)
    if (!m) continue
    pathMatched = true
    if (route.method !== method && !(route.method === 'GET' && method === 'HEAD')) continue
    const params: Record<string, string> = {}
    route.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1]!)))
    return { route, params }
  }
  return pathMatched ? 'method-not-allowed' : null
}

export function readJson(req: http.IncomingMessage, limit = MAX_JSON_BODY): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) {
        reject(new ApiError(413, `request body exceeds ${limit} bytes`))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('error', reject)
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8').trim()
      if (!text) return resolve({})
      try {
        resolve(JSON.parse(text))
      } catch (err) {
        reject(new ApiError(400, `invalid JSON body: ${(err as Error).message}`))
      }
    })
  })
}

export function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(encodeWire(value))
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
  })
  res.end(body)
}

/**
 * Captured bytes (a delivery's body, a target's answer) as they are: a download that the browser
 * never interprets in the inspector's origin.
 */
export function sendBytes(res: http.ServerResponse, bytes: Uint8Array, filename: string): void {
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': bytes.byteLength,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': 'sandbox',
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': 'no-store',
  })
  res.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
}

export function sendError(res: http.ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  if (err instanceof ApiError) {
    sendJson(res, err.status, { error: err.message, code: err.code })
    return
  }
  console.error('[hooktray] API error:', err)
  sendJson(res, 500, { error: err instanceof Error ? err.message : 'internal error' })
}
