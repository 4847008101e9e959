import { ApiError } from '../../../shared/contract'
import type { CloudflaredInstallProgress, TunnelConfigInput, TunnelConfigView } from '../../../shared/tunnel-schemas'
import type { TunnelStatus } from '../../../shared/types'
import type { ApiImpl } from '../api'
import type { EventBus } from '../events'
import { openWith, sealWith, type SecretBox } from '../secrets'
import type { SettingsRepository } from '../store/settings'
import { z } from 'zod'
import { TunnelConfigError, validateTunnelConfig, type TunnelConfig } from './config'
import { CloudflaredInstallError, installCloudflared, installedBinPath } from './install'
import { createTunnelManager, type TunnelManager } from './tunnel-manager'

const SETTINGS_KEY = 'tunnel'
// The named tunnel's token is a secret: stored only sealed by the secret box (safeStorage on the
// desktop, the 0600 key file headless), base64; never in a status, a view or a log.
const storedSchema = z.object({
  mode: z.enum(['none', 'cloudflared', 'named', 'manual']),
  binPath: z.string().nullable().default(null),
  hostname: z.string().nullable().default(null),
  url: z.string().nullable().default(null),
  sealedToken: z.string().nullable().default(null),
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
  /** Seals the named tunnel's token at rest; without one the token is kept in memory only. */
  box?: SecretBox
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

  /** A stored named tunnel whose token could not be opened: shown as an error until the user acts. */
  let needsToken: { hostname: string; binPath: string | null; reason: string } | null = null
  const currentStatus = (): TunnelStatus =>
    needsToken && manager.status().state === 'stopped'
      ? { mode: 'named', state: 'error', publicUrl: null, error: needsToken.reason }
      : manager.status()

  manager.onChange((_status, change) => {
    deps.events.emit({ type: 'tunnel', tunnel: currentStatus() })
    const url = manager.status().publicUrl
    if (change.urlChanged && url) {
      deps.events.emit({ type: 'tunnel-url-changed', publicUrl: url, previousUrl: change.previousUrl })
      deps.onPublicUrlChanged?.(url, change.previousUrl)
    }
  })

  const view = (): TunnelConfigView =>
    needsToken && config.mode === 'none'
      ? { mode: 'named', binPath: needsToken.binPath, hostname: needsToken.hostname, url: null, tokenSet: false }
      : {
    mode: config.mode,
    binPath: config.mode === 'cloudflared' || config.mode === 'named' ? (config.binPath ?? null) : null,
    hostname: config.mode === 'named' ? config.hostname : null,
    url: config.mode === 'manual' ? config.url : null,
          tokenSet: config.mode === 'named',
        }

  const apply = async (input: TunnelConfigInput): Promise<TunnelStatus> => {
    let next: TunnelConfig
    try {
      next = validateTunnelConfig(input)
    } catch (err) {
      toApiError(err)
    }
    config = next
    needsToken = null
    const stored: Stored = {
      mode: next.mode,
      binPath: next.mode === 'cloudflared' || next.mode === 'named' ? (next.binPath ?? null) : null,
      hostname: next.mode === 'named' ? next.hostname : null,
      url: next.mode === 'manual' ? next.url : null,
      sealedToken: next.mode === 'named' && deps.box ? sealWith(deps.box, next.token).toString('base64') : null,
    }
    deps.settings.set(SETTINGS_KEY, storedSchema, stored)
    return manager.start(next)
  }

  const openToken = (sealed: string | null): string | null => {
    if (!sealed || !deps.box) return null
    try {
      return openWith(deps.box, Buffer.from(sealed, 'base64'))
    } catch (err) {
      console.error(`[hooktray] named tunnel token: ${(err as Error).message}`)
      return null
    }
  }

  const emitInstall = (): void => {
    deps.events.emit({ type: 'cloudflared-install', install: { ...install } })
  }

  return {
    manager,
    status: currentStatus,
    async boot(initial) {
      let start: TunnelConfigInput | null = initial ?? null
      if (!start) {
        const stored = deps.settings.get(SETTINGS_KEY, storedSchema, { mode: 'none', binPath: null, hostname: null, url: null, sealedToken: null })
        if (stored.mode === 'cloudflared') start = { mode: 'cloudflared', binPath: stored.binPath }
        else if (stored.mode === 'manual' && stored.url) start = { mode: 'manual', url: stored.url }
        else if (stored.mode === 'named' && stored.hostname) {
          // A token that cannot be opened (another machine's keychain, a new key file) means
          // entering it again; until then, stay local and say why.
          const token = openToken(stored.sealedToken)
          if (token) start = { mode: 'named', token, hostname: stored.hostname, binPath: stored.binPath }
          else {
            const why = `the stored one ${stored.sealedToken ? 'could not be opened' : 'is missing'}`
            console.error(`[hooktray] the named tunnel for ${stored.hostname} needs its token again (${why}); staying local`)
            needsToken = {
              hostname: stored.hostname,
              binPath: stored.binPath,
              reason: `The named tunnel for ${stored.hostname} needs its token again (${why}): enter it under Named tunnel. Until then Hooktray is local only.`,
            }
            deps.events.emit({ type: 'tunnel', tunnel: currentStatus() })
          }
        }
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
      getTunnel: () => ({ status: currentStatus(), config: view() }),
      setTunnel: async (input) => ({ status: await apply(input), config: view() }),
      startTunnel: async () => ({ status: config.mode === 'none' ? currentStatus() : await manager.start(config), config: view() }),
      stopTunnel: async () => {
        // Stop also dismisses a named tunnel waiting for its token: the user chose local.
        const wasWaiting = needsToken !== null
        needsToken = null
        const status = await manager.stop()
        if (wasWaiting) deps.events.emit({ type: 'tunnel', tunnel: currentStatus() })
        return { status, config: view() }
      },
      restartTunnel: async () => ({ status: config.mode === 'none' ? currentStatus() : await manager.restart(), config: view() }),
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
