import type { StateCreator } from 'zustand'
import type { HooktrayEvent, TunnelInfo } from '../../../shared/contract'
import type { CloudflaredInstallProgress, TunnelConfigInput, TunnelConfigView } from '../../../shared/tunnel-schemas'
import type { TunnelStatus } from '../../../shared/types'
import type { RendererClient } from '../client'
import type { AppState } from './store'

export type TunnelAction = 'apply' | 'start' | 'stop' | 'restart'

export interface TunnelSlice {
  /** What the core runs; the named tunnel's token shows only as tokenSet. Null until loaded. */
  tunnelConfig: TunnelConfigView | null
  /** The control call in flight, so its button can say so and the others wait. */
  tunnelBusy: TunnelAction | null
  /** The last control call's error, word for word from the API. */
  tunnelError: string | null
  /** The in-app cloudflared download, null until one is started or looked up. */
  install: CloudflaredInstallProgress | null
  /** Counts 'cloudflared-install' events so a late RPC answer never overwrites a newer event. */
  installSeq: number
  /** This window asked for the download: once it is done, this window starts the tunnel. */
  installRequested: boolean
  loadTunnel(): Promise<void>
  /** Resolves true when the core accepted the configuration. */
  applyTunnel(config: TunnelConfigInput): Promise<boolean>
  tunnelControl(action: Exclude<TunnelAction, 'apply'>): Promise<void>
  startInstall(): Promise<void>
  dismissTunnelError(): void
  applyTunnelEvents(events: HooktrayEvent[]): void
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err))

/** The tunnel error that the in-app installer can fix (see core/tunnel/find-binary.ts). */
export function isMissingBinary(tunnel: TunnelStatus | null | undefined): boolean {
  return tunnel?.state === 'error' && /^cloudflared not found\b/i.test(tunnel.error ?? '')
}

/**
 * The tunnel's controls and the cloudflared installer. The tunnel's state itself lives in
 * status.tunnel (the deliveries slice's status snapshot) so the header, the empty state and this
 * panel all read one value; 'tunnel' events keep it current between 'status' snapshots.
 */
export const createTunnelSlice =
  (client: RendererClient): StateCreator<AppState, [], [], TunnelSlice> =>
  (set, get) => {
    const withTunnel = (tunnel: TunnelStatus): Partial<AppState> => {
      const status = get().status
      return status ? { status: { ...status, tunnel } } : {}
    }
    const took = (info: TunnelInfo): void => set({ ...withTunnel(info.status), tunnelConfig: info.config })

    const run = async (action: TunnelAction, call: () => Promise<TunnelInfo>): Promise<boolean> => {
      if (get().tunnelBusy) return false
      set({ tunnelBusy: action, tunnelError: null })
      try {
        took(await call())
        return true
      } catch (err) {
        set({ tunnelError: message(err) })
        return false
      } finally {
        set({ tunnelBusy: null })
      }
    }

    return {
      tunnelConfig: null,
      tunnelBusy: null,
      tunnelError: null,
      install: null,
      installSeq: 0,
      installRequested: false,

      loadTunnel: async () => {
        const seq = get().installSeq
        try {
          const [info, install] = await Promise.all([client.getTunnel({}), client.getCloudflaredInstall({})])
          took(info)
          // 'done' with no path is the core's idle value: nothing to show.
          if (get().installSeq === seq) set({ install: install.state === 'done' && !install.path ? null : install })
        } catch (err) {
          set({ tunnelError: message(err) })
        }
      },

      applyTunnel: (config) => run('apply', () => client.setTunnel(config)),
      tunnelControl: async (action) => {
        await run(action, () =>
          action === 'start' ? client.startTunnel({}) : action === 'stop' ? client.stopTunnel({}) : client.restartTunnel({}),
        )
      },

      startInstall: async () => {
        if (get().install?.state === 'running') return
        // Shown at once: the download may fail faster than its first event arrives.
        const seq = get().installSeq + 1
        set({
          install: { state: 'running', phase: 'downloading', fraction: null, bytes: 0, error: null, path: null },
          installSeq: seq,
          installRequested: true,
        })
        try {
          const install = await client.installCloudflared({})
          if (get().installSeq === seq) set({ install })
        } catch (err) {
          if (get().installSeq === seq) {
            set({ install: { state: 'failed', phase: null, fraction: null, bytes: 0, error: message(err), path: null }, installRequested: false })
          }
        }
      },

      dismissTunnelError: () => set({ tunnelError: null }),

      applyTunnelEvents: (events) => {
        let tunnel: TunnelStatus | null = null
        let install: CloudflaredInstallProgress | null = null
        let installEvents = 0
        for (const event of events) {
          if (event.type === 'tunnel') tunnel = event.tunnel
          // A later status snapshot already carries the tunnel (the deliveries slice applied it).
          else if (event.type === 'status') tunnel = null
          else if (event.type === 'cloudflared-install') {
            install = event.install
            installEvents += 1
          }
        }
        if (tunnel) {
          const config = get().tunnelConfig
          set(withTunnel(tunnel))
          // Changed elsewhere (the tray, another window): the form should show what runs now.
          if (config && config.mode !== tunnel.mode) void get().loadTunnel()
        }
        if (install) {
          const finished = install.state === 'done' && get().installRequested
          set({ install, installSeq: get().installSeq + installEvents, ...(install.state !== 'running' ? { installRequested: false } : {}) })
          if (finished && isMissingBinary(get().status?.tunnel)) void get().tunnelControl('start')
        }
      },
    }
  }
