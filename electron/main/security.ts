import { app, session, shell, type WebContents } from 'electron'
import { isAppUrl, type AppOrigin } from './app-origin'
import { safeExternalUrl } from './external-links'

// The whole navigation, window-open and permission policy, in one place. Applied to every
// WebContents the app ever creates, not just the main window, so a future window or a stray
// webview cannot slip past it.

/**
 * Permissions the inspector may use, and only from its own page: notifications for new deliveries,
 * and writing text to the clipboard (the copy buttons). Reading the clipboard stays denied.
 */
const ALLOWED_PERMISSIONS = new Set(['notifications', 'clipboard-sanitized-write'])

export function applySecurityPolicy(origin: AppOrigin): void {
  const allowed = (permission: string, url: string | undefined): boolean =>
    ALLOWED_PERMISSIONS.has(permission) && isAppUrl(url, origin)

  session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(allowed(permission, details.requestingUrl ?? contents.getURL()))
  })
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowed(permission, details.requestingUrl ?? requestingOrigin),
  )

  app.on('web-contents-created', (_event, contents) => guardContents(contents, origin))
}

function guardContents(contents: WebContents, origin: AppOrigin): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url, origin)) {
      event.preventDefault()
      openExternally(event.url)
    }
  })
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url, origin)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url)
    return { action: 'deny' }
  })
}

/** Links the user clicks open in their browser, if and only if they are plain http(s). */
function openExternally(url: string): void {
  const safe = safeExternalUrl(url)
  if (safe === null) return
  shell.openExternal(safe).catch((err: unknown) => {
    console.error('[hooktray] could not open link in the browser:', err)
  })
}
