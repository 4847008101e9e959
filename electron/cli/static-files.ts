import { createReadStream, existsSync, statSync } from 'node:fs'
import type http from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
}

/** Where the built renderer lives, relative to this bundle (out/cli) or to the TS source (tsx). */
export function findRendererDir(explicit?: string): string | null {
  const candidates = [
    explicit,
    process.env.HOOKTRAY_RENDERER_DIR,
    resolve(__dirname, '../renderer'),
    resolve(__dirname, '../../out/renderer'),
  ]
  for (const c of candidates) if (c && existsSync(join(c, 'index.html'))) return c
  return null
}

/** Serves a file from the renderer build; unknown paths fall back to index.html (one-page app). */
export function serveStatic(rendererDir: string | null, pathname: string, res: http.ServerResponse): void {
  if (!rendererDir) {
    const body = 'The inspector UI is not built. Run `npm run build` in the Hooktray checkout; the API works meanwhile.\n'
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) })
    res.end(body)
    return
  }
  const root = resolve(rendererDir)
  let file = normalize(join(root, decodeURIComponent(pathname)))
  if (file !== root && !file.startsWith(root + sep)) file = join(root, 'index.html')
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html')
  const type = TYPES[extname(file)] ?? 'application/octet-stream'
  const isHtml = extname(file) === '.html'
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': statSync(file).size,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
    'Referrer-Policy': 'no-referrer',
    ...(isHtml
      ? {
          'X-Frame-Options': 'DENY',
          'Content-Security-Policy':
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
        }
      : {}),
  })
  createReadStream(file).pipe(res)
}
