import type { z } from 'zod'
import { ApiError } from '../../../shared/contract'
import type { SettingsRepository } from '../store/settings'
import {
  DEFAULT_REPLAY_SETTINGS,
  REPLAY_SETTINGS_KEY,
  replaySettingsSchema,
  type ReplaySettings,
} from './schemas'

/** Replay/forward settings shared by both (the timeout); defaults when unset or invalid. */
export function getReplaySettings(settings: SettingsRepository): ReplaySettings {
  return settings.get(REPLAY_SETTINGS_KEY, replaySettingsSchema, DEFAULT_REPLAY_SETTINGS)
}

/** Throws ApiError 400 for a value out of range. */
export function setReplaySettings(settings: SettingsRepository, input: Partial<ReplaySettings>): ReplaySettings {
  const value = checked(replaySettingsSchema, { ...getReplaySettings(settings), ...input })
  return settings.set(REPLAY_SETTINGS_KEY, replaySettingsSchema, value)
}

/** Parses with a schema, turning the first issue into an ApiError 400 the user can read. */
export function checked<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
  throw new ApiError(400, `${where}${issue?.message ?? 'invalid value'}`)
}
