import { parseArgs } from 'node:util'
import type { TunnelConfigInput } from '../../shared/tunnel-schemas'

export class UsageError extends Error {}

export const USAGE = `Usage:
  hooktray serve [--port N] [--ui-port N] [--host H] [--data-dir DIR] [--body-limit BYTES]
                 [--tunnel cloudflared|none] [--public-url URL] [--tunnel-token TOKEN]
                 [--tunnel-hostname HOST] [--cloudflared-bin PATH] [--forward-to URL] [--json]
      Capture webhooks on --port (default 8787) and serve the inspector + API on --ui-port
      (default 8788), both on 127.0.0.1 unless --host says otherwise. The API token is
      $HOOKTRAY_TOKEN if set, else random; the inspector URL printed at start carries it.
      --tunnel cloudflared    a public https://….trycloudflare.com URL (quick tunnel), or your
                              own hostname with --tunnel-token (named tunnel)
      --tunnel-token TOKEN    run your named tunnel (a stable URL); --tunnel-hostname says
                              which hostname it serves (implies --tunnel cloudflared).
                              $HOOKTRAY_TUNNEL_TOKEN instead keeps it off the command line
      --tunnel none           local only (no flag: the tunnel chosen last time in the UI)
      --public-url URL        you already have a public URL that reaches --port (manual mode)
      --cloudflared-bin PATH  the cloudflared executable (else $CLOUDFLARED_BIN, then PATH)
      --forward-to URL        forward every delivery, once stored, to URL (e.g. http://localhost:3000)
  hooktray replay ID... --to URL [--edit-body FILE] [--data-dir DIR]
      Ask the running Hooktray (found through DIR/runtime.json) to send each delivery to URL
      and print each attempt's answer. --edit-body sends FILE's bytes ('-': stdin) as the body.
      Exit code 1 when an attempt got no answer or a status of 400 or more.
  hooktray help`

export interface ServeArgs {
  port: number
  uiPort: number
  host: string
  dataDir: string | undefined
  bodyLimit: number | undefined
  json: boolean
  tunnel: 'cloudflared' | 'none' | undefined
  publicUrl: string | undefined
  tunnelToken: string | undefined
  tunnelHostname: string | undefined
  cloudflaredBin: string | undefined
  forwardTo: string | undefined
}

function port(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!/^\d+$/.test(value) || n > 65535) throw new UsageError(`${name} must be a port number (0-65535), got "${value}"`)
  return n
}

/** The tunnel the flags ask for; undefined means "whatever was configured last". */
export function tunnelFromArgs(args: ServeArgs): TunnelConfigInput | undefined {
  if (args.publicUrl !== undefined) return { mode: 'manual', url: args.publicUrl }
  if (args.tunnelToken !== undefined) {
    return { mode: 'named', token: args.tunnelToken, hostname: args.tunnelHostname ?? '', binPath: args.cloudflaredBin }
  }
  if (args.tunnel === 'cloudflared') return { mode: 'cloudflared', binPath: args.cloudflaredBin }
  if (args.tunnel === 'none') return { mode: 'none' }
  return undefined
}

export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServeArgs {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        'ui-port': { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        'body-limit': { type: 'string' },
        json: { type: 'boolean', default: false },
        tunnel: { type: 'string' },
        'public-url': { type: 'string' },
        'tunnel-token': { type: 'string' },
        'tunnel-hostname': { type: 'string' },
        'cloudflared-bin': { type: 'string' },
        'forward-to': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
  const bodyLimit = values['body-limit']
  if (bodyLimit !== undefined && !/^\d+$/.test(bodyLimit)) throw new UsageError(`--body-limit must be a number of bytes`)
  const tunnel = values.tunnel
  if (tunnel !== undefined && tunnel !== 'cloudflared' && tunnel !== 'none') {
    throw new UsageError(`--tunnel must be cloudflared or none, got "${tunnel}"`)
  }
  if (values['public-url'] !== undefined && tunnel === 'cloudflared') {
    throw new UsageError('--public-url (manual mode) and --tunnel cloudflared exclude each other')
  }
  if (values['tunnel-token'] !== undefined && tunnel === 'none') {
    throw new UsageError('--tunnel-token runs a named cloudflared tunnel; it cannot go with --tunnel none')
  }
  if (values['tunnel-token'] !== undefined && !values['tunnel-hostname']) {
    throw new UsageError('--tunnel-token needs --tunnel-hostname HOST: the hostname your named tunnel serves')
  }
  // A token on the command line is readable by every user (ps); the variable is not.
  let tunnelToken = values['tunnel-token']
  if (tunnelToken === undefined && values['tunnel-hostname'] !== undefined && tunnel !== 'none' && values['public-url'] === undefined) {
    tunnelToken = env.HOOKTRAY_TUNNEL_TOKEN || undefined
    if (tunnelToken === undefined) {
      throw new UsageError('--tunnel-hostname needs the named tunnel\'s token: set $HOOKTRAY_TUNNEL_TOKEN (or pass --tunnel-token)')
    }
  }
  return {
    port: port(values.port, '--port', 8787),
    uiPort: port(values['ui-port'], '--ui-port', 8788),
    host: values.host ?? '127.0.0.1',
    dataDir: values['data-dir'],
    bodyLimit: bodyLimit === undefined ? undefined : Number(bodyLimit),
    json: values.json ?? false,
    tunnel,
    publicUrl: values['public-url'],
    tunnelToken,
    tunnelHostname: values['tunnel-hostname'],
    cloudflaredBin: values['cloudflared-bin'],
    forwardTo: values['forward-to'],
  }
}
