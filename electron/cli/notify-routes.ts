import type { HooktrayApi } from '../../shared/contract'
import { invoke } from '../core/api'
import { sendJson, type Route } from './router'

export interface NotifyRouteDeps {
  api: HooktrayApi
}

/**
 * Notification settings and unread over REST (a public, scripted API: keep routes and fields
 * stable). `GET /api/status` carries the tray state; `notification` and `tray` events arrive on
 * `/api/events`.
 */
export function notifyRoutes({ api }: NotifyRouteDeps): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/settings/notifications',
      handler: async ({ res }) => sendJson(res, 200, await api.getNotificationSettings({})),
    },
    {
      // Any subset of the fields; answers with the whole. A bad field: 400 naming it, nothing stored.
      method: 'PUT',
      path: '/api/settings/notifications',
      handler: async ({ res, json }) => sendJson(res, 200, await invoke(api, 'setNotificationSettings', await json())),
    },
    {
      method: 'POST',
      path: '/api/unread/clear',
      handler: async ({ res }) => sendJson(res, 200, await api.clearUnread({})),
    },
  ]
}
