import { z } from 'zod'

// Tunnel configuration as the contract carries it. The named tunnel's token goes in, never out.
export const tunnelConfigSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('none') }),
  z.object({ mode: z.literal('cloudflared'), binPath: z.string().min(1).nullish() }),
  z.object({
    mode: z.literal('named'),
    token: z.string().min(1, 'a named tunnel needs its token'),
    hostname: z.string().min(1, 'a named tunnel needs the hostname it serves'),
    binPath: z.string().min(1).nullish(),
  }),
  z.object({ mode: z.literal('manual'), url: z.string() }),
])
export type TunnelConfigInput = z.infer<typeof tunnelConfigSchema>

/** What the UI may see of the configuration: the token only as "set". */
export interface TunnelConfigView {
  mode: 'none' | 'cloudflared' | 'named' | 'manual'
  binPath: string | null
  hostname: string | null
  url: string | null
  tokenSet: boolean
}

export interface CloudflaredInstallProgress {
  state: 'running' | 'done' | 'failed'
  phase: 'downloading' | 'verifying' | 'done' | null
  /** 0…1, or null when the download does not say how big it is. */
  fraction: number | null
  bytes: number
  error: string | null
  path: string | null
}
