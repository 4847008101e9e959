import { useAppStore } from '../state/store'
import { NotificationsToggle } from './NotificationsToggle'

export type Props = Record<string, never>

const TUNNEL_LABELS = {
  stopped: 'Local only',
  starting: 'Tunnel starting…',
  connected: 'Online',
  reconnecting: 'Tunnel reconnecting…',
  error: 'Tunnel error',
} as const

function forwardHost(target: string | null): string | null {
  if (!target) return null
  try {
    const url = new URL(target)
    return url.host + (url.pathname === '/' ? '' : url.pathname)
  } catch {
    return null
  }
}

/** The bottom line of the window: tunnel and public URL, forwarding, unread, browser notifications. */
export function StatusStrip(_props: Props) {
  const tunnel = useAppStore((s) => s.status?.tunnel ?? null)
  const receiverUrl = useAppStore((s) => s.status?.receiver.url ?? null)
  const forwarding = useAppStore((s) => s.forwarding)
  const unread = useAppStore((s) => s.tray?.unread ?? s.status?.tray.unread ?? 0)
  const clearUnread = useAppStore((s) => s.clearUnread)
  const openShortcuts = useAppStore((s) => s.setShortcutsOpen)
  const state = tunnel?.state ?? 'stopped'
  const url = tunnel?.publicUrl ?? null
  const target = forwardHost(forwarding?.target ?? null)

  return (
    <footer className="status-strip" data-testid="status-strip">
      <span className={`strip-item strip-tunnel tunnel-${state}`} data-testid="strip-tunnel" data-state={state} title={tunnel?.error ?? undefined}>
        <span className="dot" aria-hidden="true" />
        {state === 'error' && tunnel?.error ? `${TUNNEL_LABELS.error}: ${tunnel.error}` : TUNNEL_LABELS[state]}
      </span>
      <code className="strip-url" data-testid="strip-url" title={url ? 'Public URL' : 'Local receiver URL'}>
        {url ?? receiverUrl ?? ''}
      </code>
      <span className="strip-sep" aria-hidden="true" />
      <span
        className={`strip-item strip-forward${forwarding?.enabled ? ' is-on' : ''}`}
        data-testid="strip-forwarding"
        data-on={forwarding?.enabled ? 'true' : 'false'}
      >
        {forwarding?.enabled ? `Forwarding → ${target ?? 'per registration'}` : 'Forwarding off'}
      </span>
      <span className="strip-spacer" />
      {unread > 0 ? (
        <button
          type="button"
          className="btn btn-ghost strip-unread"
          data-testid="strip-unread"
          title="Arrived while you were away. Click to mark as seen."
          onClick={() => void clearUnread()}
        >
          <span className="unread-count">{unread.toLocaleString()}</span> unread
        </button>
      ) : (
        <span className="strip-item muted" data-testid="strip-unread">
          No unread
        </span>
      )}
      <NotificationsToggle />
      <button type="button" className="btn btn-ghost strip-help" onClick={() => openShortcuts(true)} title="Keyboard shortcuts (?)">
        <kbd>?</kbd>
      </button>
    </footer>
  )
}
