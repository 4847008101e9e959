// The notification policy: what to tell the user about deliveries and failures. No Electron here;
// the shell turns each HooktrayNotification into a native one.
export { systemClock, type Clock, type TimerHandle } from './clock'
export {
  BODY_PREFIX_BYTES,
  DEFAULT_EVENT_FIELDS,
  DEFAULT_EVENT_HEADERS,
  deliveryNotification,
  describeDelivery,
  failureNotification,
  type ContentOptions,
  type DeliveryDescription,
} from './content'
export { NotificationPolicy, type NotificationPolicyOptions } from './policy'
export {
  NOTIFICATION_SETTINGS_KEY,
  SettingsValidationError,
  defaultNotificationSettings,
  isDoNotDisturbActive,
  isPathMuted,
  mergeSettings,
  notificationModes,
  notificationSettingsPatchSchema,
  notificationSettingsSchema,
  notificationsPaused,
  type NotificationMode,
  type NotificationSettings,
  type NotificationSettingsPatch,
} from './settings'
export { loadNotificationSettings, saveNotificationSettings } from './settings-store'
export { PREVIEW_MAX, formatSize, safeExcerpt } from './text'
export type { DeliveryInput, FailureInput, FailureKind, HooktrayNotification } from './types'
