import { useEffect, useState } from 'react'
import { useAppStore } from '../state/store'
import { AddConnectionForm } from './AddConnectionForm'
import { ConnectionCard } from './ConnectionCard'
import './connections.css'

export type Props = Record<string, never>

/** Provider connections, their registrations, and what the providers said. */
export function ConnectionsPage(_props: Props) {
  const connections = useAppStore((s) => s.connections)
  const loaded = useAppStore((s) => s.providersLoaded)
  const error = useAppStore((s) => s.providersError)
  const dismiss = useAppStore((s) => s.dismissProvidersError)
  const publicUrl = useAppStore((s) => s.status?.tunnel.publicUrl ?? null)
  const [adding, setAdding] = useState(false)
  // Each registration offers to mute its notifications: that lives in the notification settings.
  const loadNotificationSettings = useAppStore((s) => s.loadNotificationSettings)
  useEffect(() => void loadNotificationSettings(), [loadNotificationSettings])

  return (
    <main className="connections-page" data-testid="connections-page">
      <div className="page-head">
        <h2>Connections</h2>
        {!adding ? (
          <button type="button" className="btn btn-primary" onClick={() => setAdding(true)} data-testid="connection-add">
            Add connection
          </button>
        ) : null}
      </div>
      {!publicUrl ? (
        <div className="alert alert-warn" data-testid="no-public-url">
          No public URL yet: new registrations wait (pending) until the tunnel is connected or a public URL is set.
        </div>
      ) : null}
      {error ? (
        <div className="alert alert-error" role="alert" data-testid="providers-error">
          <pre className="provider-text">{error}</pre>
          <button type="button" className="btn btn-ghost small" onClick={dismiss} aria-label="Dismiss">
            ×
          </button>
        </div>
      ) : null}
      {adding ? <AddConnectionForm onDone={() => setAdding(false)} /> : null}
      {loaded && connections.length === 0 && !adding ? (
        <p className="muted empty-connections">
          No connections yet. Add one to let Hooktray register its public URL with a provider and verify what it sends. To try it
          without an account, run <code>hooktray simulate mycirrus</code> and use the base URL and key it prints.
        </p>
      ) : null}
      {connections.map((c) => (
        <ConnectionCard key={c.id} connection={c} />
      ))}
    </main>
  )
}
