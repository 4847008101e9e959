import type { ConnectionView } from '../../../shared/provider-schemas'
import { useAppStore } from '../state/store'

export type Props = { connection: ConnectionView }

/** Webhooks at the provider that no registration knows (earlier runs' leftovers), with removal where the API allows. */
export function OrphansPanel({ connection: c }: Props) {
  const report = useAppStore((s) => s.orphans[c.id])
  const find = useAppStore((s) => s.findOrphans)
  const removeOrphans = useAppStore((s) => s.removeOrphans)
  if (!c.capabilities.list) return null
  const count = report ? report.items.length : c.orphanCount

  return (
    <div className="orphans" data-testid="orphans">
      <div className="orphans-head">
        <span className="small">
          {count === null ? 'Not checked for leftover webhooks yet.' : count === 0 ? 'No leftover webhooks at the provider.' : `${count} webhook${count === 1 ? '' : 's'} at the provider that no registration knows.`}
        </span>
        <button type="button" className="btn small" onClick={() => void find(c.id)} data-testid="orphans-check">
          {report ? 'Check again' : count ? 'Review' : 'Check'}
        </button>
      </div>
      {report?.error ? (
        <pre className="alert alert-error provider-text" role="alert">
          {report.error}
        </pre>
      ) : null}
      {report && report.items.length ? (
        <ul className="orphan-list">
          {report.items.map((o) => (
            <li key={o.remoteId} data-testid="orphan">
              <code>{o.remoteId}</code> → <code>{o.url ?? '(no URL)'}</code>
              {o.looksLikeHooktray ? <span className="flag flag-warn">earlier Hooktray run</span> : null}
              {report.removable ? (
                <button type="button" className="btn small" onClick={() => void removeOrphans(c.id, [o.remoteId])}>
                  Delete at provider
                </button>
              ) : null}
            </li>
          ))}
          {!report.removable ? <li className="muted small">This API cannot delete webhooks: remove them in the provider’s console.</li> : null}
        </ul>
      ) : null}
    </div>
  )
}
