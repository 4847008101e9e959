import { useContext } from 'react'
import { toggleBrowserNotifications } from '../state/notify-live'
import { StoreContext, useAppStore } from '../state/store'

export type Props = {
  /** 'compact' for the status strip, 'full' (with an explanation) for the Settings page. */
  variant?: 'compact' | 'full'
}

const LABELS = {
  on: 'Browser notifications on',
  off: 'Turn on browser notifications',
  denied: 'Notifications blocked by the browser',
  unsupported: 'Browser notifications unavailable',
} as const

/** Browser notifications in headless mode: off until the user clicks (the browser asks then). */
export function NotificationsToggle({ variant = 'compact' }: Props) {
  const store = useContext(StoreContext)
  const state = useAppStore((s) => s.browserNotifications)
  const transport = useAppStore((s) => s.transport)
  // The desktop app shows native notifications from the shell; nothing to switch here.
  if (transport !== 'http') return null
  const button = (
    <button
      type="button"
      className={`btn notify-toggle notify-${state}`}
      data-testid="notifications-toggle"
      data-state={state}
      aria-pressed={state === 'on'}
      disabled={state === 'denied' || state === 'unsupported'}
      onClick={() => store && void toggleBrowserNotifications(store)}
      title={state === 'denied' ? 'Allow notifications for this page in the browser’s site settings' : undefined}
    >
      <BellIcon off={state !== 'on'} />
      <span>{LABELS[state]}</span>
    </button>
  )
  if (variant === 'compact') return button
  return (
    <div className="settings-row">
      {button}
      <p className="hint">
        {state === 'denied'
          ? 'The browser blocks notifications for this page. Allow them in its site settings, then reload.'
          : 'Shown while this tab is in the background or another window has the focus. A click opens the delivery.'}
      </p>
    </div>
  )
}

function BellIcon({ off }: { off: boolean }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="13" height="13" aria-hidden="true">
      <path
        d="M8 2a4 4 0 0 0-4 4v2.5L2.8 11h10.4L12 8.5V6a4 4 0 0 0-4-4ZM6.5 13a1.5 1.5 0 0 0 3 0"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinejoin="round"
      />
      {off ? <path d="M2.5 2.5l11 11" stroke="currentColor" strokeWidth="1.4" /> : null}
    </svg>
  )
}
