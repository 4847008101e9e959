import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { ApiError } from '../../shared/contract'
import { bearerToken, cookieName, isAllowedHost, isSameOriginWrite, readCookie, tokensEqual } from './auth'
import { compile, match, readJson, sendError, sendJson, type Route } from './router'
import { serveStatic } from './static-files'

export interface InspectorServerOptions {
  host: string
  port: number
  token: string
  routes: Route[]
  rendererDir: string | null
}

export interface InspectorServer {
  server: http.Server
  port: number
  /** The URL a browser opens (carries the token once; it is traded for a cookie). */
  url: string
  close(): Promise<void>
}

const PUBLIC_PATHS = new Set(['/api/health'])

/**
 * The inspector: the built renderer plus the API, on its own port (never the receiver's).
 * Every request passes the Host check (403), then the token check (401).
 */
export async function startInspectorServer(options: InspectorServerOptions): Promise<InspectorServer> {
  const routes = compile(options.routes)
  const extraHosts = ['0.0.0.0', '::', '127.0.0.1', 'localhost'].includes(options.host)
    ? []
    : [options.host.toLowerCase()]
  const sockets = new Set<Socket>()
  let port = options.port

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (!isAllowedHost(req.headers.host, port, extraHosts)) {
      sendJson(res, 403, { error: 'forbidden host: open the inspector through 127.0.0.1 or localhost' })
      return
    }
    const cookie = cookieName(port)
    const queryToken = url.searchParams.get('token')
    if (queryToken !== null && !url.pathname.startsWith('/api/')) {
      if (!tokensEqual(queryToken, options.token)) {
        sendJson(res, 401, { error: 'invalid token' })
        return
      }
      // Trade the token in the URL for an HttpOnly cookie and drop it from the address bar.
      url.searchParams.delete('token')
      res.writeHead(302, {
        'Set-Cookie': `${cookie}=${encodeURIComponent(options.token)}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search,
        'Cache-Control': 'no-store',
      })
      res.end()
      return
    }
    if (!PUBLIC_PATHS.has(url.pathname)) {
      const given = bearerToken(req) ?? readCookie(req, cookie)
      if (!given || !tokensEqual(given, options.token)) {
        sendJson(res, 401, {
          error: 'missing or invalid token: use Authorization: Bearer <token>, or open the URL hooktray serve printed',
        })
        return
      }
      if (!isSameOriginWrite(req, port, extraHosts)) {
        sendJson(res, 403, { error: 'cross-origin request refused' })
        return
      }
    }
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendJson(res, 405, { error: 'method not allowed' })
        return
      }
      serveStatic(options.rendererDir, url.pathname, res)
      return
    }
    const found = match(routes, req.method ?? 'GET', url.pathname)
    if (found === null) return sendError(res, new ApiError(404, `no route ${req.method} ${url.pathname}`))
    if (found === 'method-not-allowed')
      return sendError(res, new ApiError(405, `${req.method} not allowed on ${url.pathname}`, 'method_not_allowed'))
    Promise.resolve()
      .then(() => found.route.handler({ req, res, params: found.params, url, json: () => readJson(req) }))
      .catch((err: unknown) => sendError(res, err))
  })
  server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.once('close', () => sockets.delete(s))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  const displayHost = extraHosts[0] && !extraHosts[0].includes(':') ? extraHosts[0] : '127.0.0.1'
  return {
    server,
    port,
    url: `http://${displayHost}:${port}/?token=${encodeURIComponent(options.token)}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        // SSE streams never end on their own.
        for (const s of sockets) s.destroy()
      }),
  }
}
