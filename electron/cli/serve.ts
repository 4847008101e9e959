import { randomBytes } from 'node:crypto'
import { resolve } from 'node:path'
import type { TunnelStatus } from '../../shared/types'
import { createCore, type Core } from '../core/core'
import { defaultDataDir } from '../core/paths'
import { VERSION } from '../core/version'
import { UsageError, tunnelFromArgs, type ServeArgs } from './args'
import { validateTunnelConfig } from '../core/tunnel/config'
import { startAutomationApi, type AutomationApi } from './automation'
import type { InspectorServer } from './http-server'
import { findRendererDir } from './static-files'

export interface Headless {
  core: Core
  inspector: InspectorServer
  token: string
  close(): Promise<void>
}

/** Headless mode: the core plus the loopback HTTP + SSE transport of the contract. */
export async function startHeadless(args: ServeArgs, overrides: { token?: string } = {}): Promise<Headless> {
  const dataDir = resolve(args.dataDir ?? defaultDataDir())
  const token = overrides.token ?? (process.env.HOOKTRAY_TOKEN || randomBytes(24).toString('base64url'))
  const tunnel = tunnelFromArgs(args)
  if (tunnel) {
    try {
      validateTunnelConfig(tunnel)
    } catch (err) {
      throw new UsageError((err as Error).message)
    }
  }
  const core = await createCore({ dataDir, host: args.host, port: args.port, bodyLimit: args.bodyLimit, tunnel })
  let automation: AutomationApi
  try {
    automation = await startAutomationApi(core, { host: args.host, port: args.uiPort, token, rendererDir: findRendererDir() })
  } catch (err) {
    await core.close()
    throw err
  }
  if (args.forwardTo !== undefined) {
    try {
      await core.api.setForwarding({ target: args.forwardTo, enabled: true })
    } catch (err) {
      await automation.close()
      await core.close()
      throw new Error(`--forward-to: ${(err as Error).message}`)
    }
  }
  automation.publish() // false (said in a warning) when another live Hooktray holds runtime.json
  let closing: Promise<void> | null = null
  return {
    core,
    inspector: automation.inspector,
    token,
    close: () =>
      (closing ??= (async () => {
        await automation.close()
        await core.close()
      })()),
  }
}

export async function serveCommand(args: ServeArgs): Promise<void> {
  const headless = await startHeadless(args)
  const { core, inspector } = headless
  if (args.json) {
    console.log(
      JSON.stringify({
        version: VERSION,
        receiverUrl: core.receiver.url,
        inspectorUrl: inspector.url,
        apiUrl: `http://127.0.0.1:${inspector.port}`,
        dataDir: core.dataDir,
      }),
    )
  } else {
    console.log(`Hooktray ${VERSION} (headless)`)
    console.log(`  Receiver   ${core.receiver.url}   send webhooks here (any method, any path)`)
    console.log(`  Inspector  ${inspector.url}`)
    console.log(`  Data       ${core.dataDir}`)
    console.log('Press Ctrl+C to stop.')
    // Say what the tunnel does as it happens: the public URL is what providers need.
    let last = ''
    const printTunnel = (t: TunnelStatus): void => {
      const line =
        t.state === 'connected'
          ? `  Public     ${t.publicUrl}   (${t.mode === 'manual' ? 'manual' : 'cloudflared'} → receiver)`
          : t.state === 'error'
            ? `  Tunnel     error: ${t.error}${t.retryAt !== undefined ? ' (trying again)' : ''}`
            : t.state === 'reconnecting'
              ? '  Tunnel     reconnecting…'
              : ''
      if (line && line !== last) console.log((last = line))
    }
    core.events.subscribe((event) => {
      if (event.type === 'tunnel') printTunnel(event.tunnel)
    })
    printTunnel(core.status().tunnel)
  }
  const shutdown = (signal: string): void => {
    if (!args.json) console.log(`\n${signal}: closing…`)
    headless.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('[hooktray] error while closing:', err)
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', () => shutdown('SIGINT'))
  process.once('SIGTERM', () => shutdown('SIGTERM'))
}
