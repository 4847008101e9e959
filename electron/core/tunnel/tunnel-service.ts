import { ApiError } from '../../../shared/contract'
import type { CloudflaredInstallProgress, TunnelConfigInput, TunnelConfigView } from '../../../shared/tunnel-schemas'
import type { TunnelStatus } from '../../../shared/types'
import type { ApiImpl } from '../api'
import type { EventBus } from '../events'
import type { SettingsRepository } from '../store/settings'
import { z } from 'zod'
import { TunnelConfigError, validateTunnelConfig, type TunnelConfig } from './config'
import { CloudflaredInstallError, installCloudflared, installedBinPath } from './install'
import { createTunnelManager, type TunnelManager } from './tunnel-manager'

const SETTINGS_KEY = 'tunnel'
// Persisted without the named tunnel's token: that secret stays in memory (or comes from the CLI).
const storedSchema = z.object({
  mode: z.enum(['none', 'cloudflared', 'named', 'manual']),
  binPath: z.string().nullable().default(null),
  hostname: z.string().nullable().default(null),
  url: z.string().nullable().default(null),
})
type Stored = z.infer<typeof storedSchema>

export interface TunnelServiceDeps {
  dataDir: string
  receiverUrl: string
  settings: SettingsRepository
  events: EventBus
  /** Called when a connected tunnel's public URL changes (providers re-register). */
  onPublicUrlChanged?: (publicUrl: string, previousUrl: string | null) => void
  startTimeoutMs?: number
}

export interface TunnelService {
  manager: TunnelManager
  status(): TunnelStatus
  /** Starts the given configuration, or the stored one; never throws for a runtime failure. */
  boot(initial?: TunnelConfigInput): Promise<void>
  api: ApiImpl<
    'getTunnel' | 'setTunnel' | 'startTunnel' | 'stopTunnel' | 'restartTunnel' | 'installCloudflared' | 'getCloudflaredInstall'
  >
  dispose(): Promise<void>
}

function toApiError(err: unknown): never {
  if (err instanceof TunnelConfigError) throw new ApiError(400, err.message)
  throw err
}

export function createTunnelService(deps: TunnelServiceDeps): TunnelService {
  let config: TunnelConfig = { mode: 'none' }
  const manager = createTunnelManager({
    localUrl: deps.receiverUrl,
    startTimeoutMs: deps.startTimeoutMs,
    lookup: { installedBin: installedBinPath(deps.dataDir) },
  })
  let install: CloudflaredInstallProgress = { state: 'done', phase: null, fraction: null, bytes: 0, error: null, path: null }
  let installing: Promise<void> | null = null

  manager.onChange((_status, change) => {
    deps.events.emit({ type: 'tunnel', tunnel: manager.status() })
    const url = manager.status().publicUrl
    if (change.urlChanged && url) {
      deps.events.emit({ type: 'tunnel-url-changed', publicUrl: url, previousUrl: change.previousUrl })
      deps.onPublicUrlChanged?.(url, change.previousUrl)
    }
  })

  const view = (): TunnelConfigView => ({
    mode: config.mode,
    binPath: config.mode === 'cloudflared' || config.mode === 'named' ? (config.binPath ?? null) : null,
    hostname: config.mode === 'named' ? config.hostname : null,
    url: config.mode === 'manual' ? config.url : null,
    tokenSet: config.mode === 'named',
  })

  const apply = async (input: TunnelConfigInput): Promise<TunnelStatus> => {
    let next: TunnelConfig
    try {
      next = validateTunnelConfig(input)
    } catch (err) {
      toApiError(err)
    }
    config = next
    const stored: Stored = {
      mode: next.mode,
      binPath: next.mode === 'cloudflared' || next.mode === 'named' ? (next.binPath ?? null) : null,
      hostname: next.mode === 'named' ? next.hostname : null,
      url: next.mode === 'manual' ? next.url : null,
    }
    deps.settings.set(SETTINGS_KEY, storedSchema, stored)
    return manager.start(next)
  }

  const emitInstall = (): void => {
    deps.events.emit({ type: 'cloudflared-install', install: { ...install } })
  }

  return {
    manager,
    status: () => manager.status(),
    async boot(initial) {
      let start: TunnelConfigInput | null = initial ?? null
      if (!start) {
        const stored = deps.settings.get(SETTINGS_KEY, storedSchema, { mode: 'none', binPath: null, hostname: null, url: null })
        // A named tunnel needs its token again after a restart; without it, stay local.
        if (stored.mode === 'cloudflared') start = { mode: 'cloudflared', binPath: stored.binPath }
        else if (stored.mode === 'manual' && stored.url) start = { mode: 'manual', url: stored.url }
      }
      if (!start || start.mode === 'none') return
      if (initial) {
        await apply(start)
        return
      }
      // A stored configuration that no longer validates leaves the tunnel stopped, not the app.
      await apply(start).catch(() => undefined)
    },
    api: {
      getTunnel: () => ({ status: manager.status(), config: view() }),
      setTunnel: async (input) => ({ status: await apply(input), config: view() }),
      startTunnel: async () => ({ status: config.mode === 'none' ? manager.status() : await manager.start(config), config: view() }),
      stopTunnel: async () => ({ status: await manager.stop(), config: view() }),
      restartTunnel: async () => ({ status: config.mode === 'none' ? manager.status() : await manager.restart(), config: view() }),
      installCloudflared: () => {
        if (!installing) {
          install = { state: 'running', phase: 'downloading', fraction: null, bytes: 0, error: null, path: null }
          emitInstall()
          installing = installCloudflared({
            to: installedBinPath(deps.dataDir),
            onProgress: (p) => {
              install = { ...install, phase: p.phase, fraction: p.fraction, bytes: p.bytes }
              emitInstall()
            },
          })
            .then((path) => {
              install = { ...install, state: 'done', phase: 'done', fraction: 1, path }
            })
            .catch((err: unknown) => {
              const message = err instanceof CloudflaredInstallError ? err.message : `Installing cloudflared failed: ${(err as Error).message}`
              install = { ...install, state: 'failed', error: message }
            })
            .finally(() => {
              installing = null
              emitInstall()
            })
        }
        return { ...install }
      },
      getCloudflaredInstall: () => ({ ...install }),
    },
    dispose: () => manager.dispose(),
  }
}
