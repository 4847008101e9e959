import type { SettingsRepository } from '../store/settings'
import {
  NOTIFICATION_SETTINGS_KEY,
  defaultNotificationSettings,
  mergeSettings,
  notificationSettingsSchema,
  type NotificationSettings,
} from './settings'

/** The stored notification settings; defaults when none are stored or the stored value is no longer valid. */
export function loadNotificationSettings(repo: SettingsRepository): NotificationSettings {
  return repo.get(NOTIFICATION_SETTINGS_KEY, notificationSettingsSchema, { ...defaultNotificationSettings })
}

/**
 * Validates `patch` against the stored settings, stores and returns the whole result.
 * A rejected patch (SettingsValidationError, status 400) stores nothing.
 */
export function saveNotificationSettings(repo: SettingsRepository, patch: unknown): NotificationSettings {
  const next = mergeSettings(loadNotificationSettings(repo), patch)
  return repo.set(NOTIFICATION_SETTINGS_KEY, notificationSettingsSchema, next)
}
