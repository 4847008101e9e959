import { parseArgs } from 'node:util'

export class UsageError extends Error {}

export const USAGE = `Usage:
  hooktray serve [--port N] [--ui-port N] [--host H] [--data-dir DIR] [--body-limit BYTES] [--json]
      Capture webhooks on --port (default 8787) and serve the inspector + API on --ui-port
      (default 8788), both on 127.0.0.1 unless --host says otherwise. The API token is
      $HOOKTRAY_TOKEN if set, else random; the inspector URL printed at start carries it.
  hooktray help`

export interface ServeArgs {
  port: number
  uiPort: number
  host: string
  dataDir: string | undefined
  bodyLimit: number | undefined
  json: boolean
}

function port(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!/^\d+$/.test(value) || n > 65535) throw new UsageError(`${name} must be a port number (0-65535), got "${value}"`)
  return n
}

export function parseServeArgs(argv: string[]): ServeArgs {
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
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
  const bodyLimit = values['body-limit']
  if (bodyLimit !== undefined && !/^\d+$/.test(bodyLimit)) throw new UsageError(`--body-limit must be a number of bytes`)
  return {
    port: port(values.port, '--port', 8787),
    uiPort: port(values['ui-port'], '--ui-port', 8788),
    host: values.host ?? '127.0.0.1',
    dataDir: values['data-dir'],
    bodyLimit: bodyLimit === undefined ? undefined : Number(bodyLimit),
    json: values.json ?? false,
  }
}
