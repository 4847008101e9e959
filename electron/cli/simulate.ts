// `hooktray simulate <provider>`: a strict local stand-in for a provider's webhook API, so a new
// user can try connect → register → verified deliveries without an account. Once a webhook is
// registered with it, it delivers to it periodically (tampered now and then with --tamper).
import net from 'node:net'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { PROVIDER_INFO } from '../../shared/provider-schemas'
import { defaultDataDir } from '../core/paths'
import { rewriteOrigin, simulatedProviders, simulatorDefaults, startProviderSimulator, type AnySimulator, type SimulatedProvider } from '../core/providers/simulators'
import { UsageError } from './args'
import { REGISTRATION_FIELDS } from '../core/providers/service/context'
import { readRuntimeFile } from './runtime-file'

export const SIMULATE_USAGE = `  hooktray simulate <provider> [--port N] [--deliver-every SECONDS] [--deliver-to URL] [--tamper] [--data-dir DIR] [--json]
      Run a local simulator of a provider's webhook API (${simulatedProviders.join(', ')}).
      Add a connection with the base URL and credentials it prints; after you register, it
      delivers to the registered webhooks every --deliver-every seconds (default 10), sent to
      --deliver-to (default: the receiver of the running \`hooktray serve\` in --data-dir).`

export interface SimulateArgs {
  provider: SimulatedProvider
  port: number
  deliverEvery: number
  deliverTo: string | undefined
  tamper: boolean
  dataDir: string | undefined
  json: boolean
}

export function parseSimulateArgs(argv: string[]): SimulateArgs {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        'deliver-every': { type: 'string' },
        'deliver-to': { type: 'string' },
        tamper: { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: true,
    })
  } catch (err) {
    throw new UsageError((err as Error).message)
  }
  const { values, positionals } = parsed
  const provider = positionals[0]
  if (!provider || positionals.length > 1) throw new UsageError(`simulate takes one provider: ${simulatedProviders.join(', ')}`)
  if (!(simulatedProviders as string[]).includes(provider)) {
    throw new UsageError(`unknown provider "${provider}": choose one of ${simulatedProviders.join(', ')}`)
  }
  const port = values.port ?? '0'
  if (!/^\d+$/.test(port) || Number(port) > 65535) throw new UsageError(`--port must be a port number (0-65535), got "${port}"`)
  const every = values['deliver-every'] ?? '10'
  if (!/^\d+(\.\d+)?$/.test(every) || Number(every) <= 0) throw new UsageError(`--deliver-every must be a positive number of seconds, got "${every}"`)
  const deliverTo = values['deliver-to']
  if (deliverTo !== undefined && !/^https?:\/\/[^/]+/i.test(deliverTo)) throw new UsageError(`--deliver-to must be an http(s) URL, got "${deliverTo}"`)
  return {
    provider: provider as SimulatedProvider,
    port: Number(port),
    deliverEvery: Number(every),
    deliverTo,
    tamper: values.tamper ?? false,
    dataDir: values['data-dir'],
    json: values.json ?? false,
  }
}

/** Where deliveries go: --deliver-to, else the receiver of the running instance. */
function resolveDeliverTo(args: SimulateArgs): string {
  if (args.deliverTo) return args.deliverTo
  const dataDir = resolve(args.dataDir ?? defaultDataDir())
  const runtime = readRuntimeFile(dataDir)
  if (!runtime) throw new Error(`no running \`hooktray serve\` found in ${dataDir}: start it first, or pass --deliver-to URL`)
  return runtime.receiverUrl
}

/** A fixed port in front of the simulator's ephemeral one, when --port asks for it. */
async function listenOn(port: number, simUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(simUrl)
  const sockets = new Set<net.Socket>()
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname)
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.once('close', () => sockets.delete(s))
    }
    client.pipe(upstream).pipe(client)
    const end = () => (client.destroy(), upstream.destroy())
    client.on('error', end)
    upstream.on('error', end)
  })
  await new Promise<void>((ok, fail) => {
    server.once('error', fail)
    server.listen(port, '127.0.0.1', () => ok())
  })
  const actual = (server.address() as net.AddressInfo).port
  const url = new URL(simUrl)
  url.port = String(actual)
  return {
    url: url.toString().replace(/\/$/, ''),
    close: () =>
      new Promise((r) => {
        server.close(() => r())
        for (const s of sockets) s.destroy()
      }),
  }
}

export interface RunningSimulation {
  url: string
  sim: AnySimulator
  close(): Promise<void>
}

export async function startSimulation(args: SimulateArgs, log: (line: string) => void): Promise<RunningSimulation> {
  const deliverTo = resolveDeliverTo(args)
  const sim = await startProviderSimulator(args.provider, { deliverTo: rewriteOrigin(deliverTo) })
  let front: { url: string; close(): Promise<void> } | null = null
  try {
    if (args.port) front = await listenOn(args.port, sim.url)
  } catch (err) {
    await sim.close()
    throw err
  }
  const url = front?.url ?? sim.url
  const defaults = simulatorDefaults[args.provider]
  const { baseUrl: _, ...all } = defaults.connectorOptions(url)
  const own = REGISTRATION_FIELDS[args.provider]
  const registration = Object.fromEntries(Object.entries(all).filter(([k]) => own.includes(k)))
  const connection = Object.fromEntries(Object.entries(all).filter(([k]) => !own.includes(k)))
  const info = PROVIDER_INFO[args.provider]
  const credentials = { [info.credentialField]: defaults.apiKey }
  if (args.json) {
    log(JSON.stringify({ provider: args.provider, url, credentials, connectionOptions: connection, registrationOptions: registration, deliverTo }))
  } else {
    log(`${info.label} simulator on ${url}`)
    log(`  Add a connection: provider ${args.provider}, base URL ${url}, ${info.credentialLabel.toLowerCase()} ${defaults.apiKey}`)
    if (Object.keys(connection).length) log(`  Connection options (JSON): ${JSON.stringify(connection)}`)
    log(`  Register with: ${JSON.stringify(registration)}`)
    log(`  Deliveries go to ${deliverTo} every ${args.deliverEvery} s once a webhook is registered${args.tamper ? ' (every third one tampered)' : ''}.`)
    log('  Over the API (token from the inspector URL):')
    log(`    POST /api/connections ${JSON.stringify({ provider: args.provider, name: info.label, baseUrl: url, credentials, ...(Object.keys(connection).length ? { options: connection } : {}) })}`)
    log(`    POST /api/connections/<id>/registrations ${JSON.stringify({ options: registration })}`)
    log('Press Ctrl+C to stop.')
  }

  let sent = 0
  const seen = new Set<string>()
  const deliver = async (id: string): Promise<void> => {
    sent++
    const tamper = args.tamper && sent % 3 === 0
    const record = await sim.deliver(id, { tamper }).catch((e: unknown) => ({ status: null, error: (e as Error).message, sentTo: '' }))
    const outcome = record.status === null ? `failed: ${record.error}` : `answered ${record.status}`
    if (!args.json) log(`  → ${tamper ? 'tampered ' : ''}delivery for webhook ${id} to ${record.sentTo || deliverTo}: ${outcome}`)
  }
  // A new webhook gets its first delivery at once, so the user sees one right after registering.
  const watch = setInterval(() => {
    for (const id of sim.state.webhooks.keys()) {
      if (seen.has(id)) continue
      seen.add(id)
      void deliver(id)
    }
  }, 500)
  const periodic = setInterval(() => {
    for (const id of seen) if (sim.state.webhooks.has(id)) void deliver(id)
  }, args.deliverEvery * 1000)

  return {
    url,
    sim,
    close: async () => {
      clearInterval(watch)
      clearInterval(periodic)
      await front?.close()
      await sim.close()
    },
  }
}

export async function simulateCommand(args: SimulateArgs): Promise<void> {
  const running = await startSimulation(args, (line) => console.log(line))
  const stop = (): void => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
