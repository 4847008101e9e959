import { z } from 'zod'
import { ApiError } from '../../../shared/contract'

/** Key of the notification settings in the key/value `settings` table. */
export const NOTIFICATION_SETTINGS_KEY = 'notifications'

export const notificationModes = ['all', 'failures', 'none'] as const
export type NotificationMode = (typeof notificationModes)[number]

const positiveInt = (max: number) => z.number().int().positive().max(max)

// Bounds keep a hand-edited or scripted PUT from building an unusable policy (a week-long
// window, a million notifications a minute) or an unbounded mute list.
const fields = {
  mode: z.enum(notificationModes),
  muted: z.array(z.string().min(1).max(1000).startsWith('/', 'must start with /')).max(500),
  mutedRegistrations: z.array(z.string().min(1).max(200)).max(500),
  doNotDisturbUntil: z.number().int().nonnegative().nullable(),
  groupWindowMs: positiveInt(10 * 60_000),
  groupThreshold: positiveInt(1000),
  maxPerMinute: positiveInt(600),
}

export const notificationSettingsSchema = z
  .object({
    mode: fields.mode.default('all'),
    muted: fields.muted.default([]),
    mutedRegistrations: fields.mutedRegistrations.default([]),
    doNotDisturbUntil: fields.doNotDisturbUntil.default(null),
    groupWindowMs: fields.groupWindowMs.default(5000),
    groupThreshold: fields.groupThreshold.default(3),
    maxPerMinute: fields.maxPerMinute.default(6),
  })
  .strict()

/** What `PUT` accepts: any subset of the fields, nothing else. */
export const notificationSettingsPatchSchema = z.object(fields).partial().strict()

export type NotificationSettings = z.output<typeof notificationSettingsSchema>
export type NotificationSettingsPatch = z.input<typeof notificationSettingsPatchSchema>

export const defaultNotificationSettings: Readonly<NotificationSettings> = Object.freeze(
  notificationSettingsSchema.parse({}),
)

/** A rejected settings patch; `field` names the offending field (dotted path). */
export class SettingsValidationError extends ApiError {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(400, `notifications.${field}: ${detail}`, 'bad_request')
    this.name = 'SettingsValidationError'
  }
}

function firstIssue(error: z.ZodError): SettingsValidationError {
  const issue = error.issues[0]
  if (!issue) return new SettingsValidationError('(root)', 'invalid settings')
  // An unknown key is reported by zod on the parent object; name the key itself.
  if (issue.code === 'unrecognized_keys') {
    return new SettingsValidationError(issue.keys.join(', '), 'unknown setting')
  }
  const field = issue.path.length ? issue.path.map(String).join('.') : '(root)'
  return new SettingsValidationError(field, issue.message)
}

/**
 * Applies a PUT body to the current settings. The patch is validated strictly (unknown fields,
 * wrong types and out-of-range values are refused with an error naming the field); on error
 * nothing changes, and `current` is never mutated either way.
 */
export function mergeSettings(current: NotificationSettings, patch: unknown): NotificationSettings {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    throw new SettingsValidationError('(root)', 'expected an object')
  }
  const parsed = notificationSettingsPatchSchema.safeParse(patch)
  if (!parsed.success) throw firstIssue(parsed.error)
  const merged: NotificationSettings = {
    ...current,
    ...parsed.data,
    muted: [...(parsed.data.muted ?? current.muted)],
    mutedRegistrations: [...(parsed.data.mutedRegistrations ?? current.mutedRegistrations)],
  }
  return merged
}

export function isDoNotDisturbActive(settings: Pick<NotificationSettings, 'doNotDisturbUntil'>, now: number): boolean {
  return settings.doNotDisturbUntil !== null && now < settings.doNotDisturbUntil
}

/** True when no notification at all would be shown right now (mode none, or do-not-disturb). */
export function notificationsPaused(
  settings: Pick<NotificationSettings, 'mode' | 'doNotDisturbUntil'>,
  now: number,
): boolean {
  return settings.mode === 'none' || isDoNotDisturbActive(settings, now)
}

/** A path is muted when it starts with a muted prefix on a segment boundary ('/a' mutes '/a/b', not '/ab'). */
export function isPathMuted(muted: readonly string[], path: string): boolean {
  return muted.some(
    (prefix) =>
      path === prefix ||
      (path.startsWith(prefix) && (prefix.endsWith('/') || path.charAt(prefix.length) === '/')),
  )
}
