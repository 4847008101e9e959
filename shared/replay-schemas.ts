import { z } from 'zod'

// Replay, bulk-replay and forwarding arguments and settings: part of the contract (plain zod).

export const headerPairSchema = z.tuple([z.string(), z.string()])

/** What "edit and replay" may change. Absent fields are sent as captured. */
export const replayEditsSchema = z.object({
  method: z.string().optional(),
  /** Exact path sent (the target's own path is then ignored). */
  path: z.string().optional(),
  /** Exact query sent, without '?'. */
  query: z.string().optional(),
  /** The whole header table, replacing the captured one. */
  headers: z.array(headerPairSchema).optional(),
  /** Body as UTF-8 text. */
  body: z.string().optional(),
  /** Body as base64, for binary content. */
  bodyBase64: z.string().optional(),
})
export type ReplayEdits = z.infer<typeof replayEditsSchema>

export const replayOptionsSchema = z.object({
  target: z.string(),
  edits: replayEditsSchema.optional(),
  /** Send cf-*, cdn-loop and x-forwarded-* too (dropped by default). */
  keepTunnelHeaders: z.boolean().optional(),
  /** Re-sign an edited body when the signature scheme is known (default true). */
  resign: z.boolean().optional(),
})
export type ReplayOptions = z.infer<typeof replayOptionsSchema>

export const bulkReplaySchema = z.object({
  ids: z.array(z.coerce.number().int().positive()).min(1, 'ids must not be empty').max(100_000),
  target: z.string(),
  /** 1 (default) replays one at a time in arrival order. */
  concurrency: z.coerce.number().int().min(1).max(16).optional(),
  keepTunnelHeaders: z.boolean().optional(),
})
export type BulkReplayInput = z.input<typeof bulkReplaySchema>

export const FORWARDING_SETTINGS_KEY = 'forwarding'
export const forwardingSettingsSchema = z.object({
  /** Global target; null forwards only deliveries whose registration has its own. */
  target: z.string().nullable(),
  /** Master switch for all forwarding, global and per registration. */
  enabled: z.boolean(),
  respond: z.enum(['immediately', 'with-target']),
})
export type ForwardingSettings = z.infer<typeof forwardingSettingsSchema>
export const DEFAULT_FORWARDING: ForwardingSettings = { target: null, enabled: false, respond: 'immediately' }

export const REPLAY_SETTINGS_KEY = 'replay'
export const replaySettingsSchema = z.object({
  /** Per attempt, from connect to the last response byte. */
  timeoutMs: z.number().int().min(100).max(300_000),
})
export type ReplaySettings = z.infer<typeof replaySettingsSchema>
export const DEFAULT_REPLAY_SETTINGS: ReplaySettings = { timeoutMs: 10_000 }
