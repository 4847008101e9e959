import { useState } from 'react'
import { PROVIDER_INFO, type ConnectionView } from '../../../shared/provider-schemas'
import { useAppStore } from '../state/store'
import { OrphansPanel } from './OrphansPanel'
import { RegisterForm } from './RegisterForm'
import { RegistrationItem } from './RegistrationItem'

export type Props = { connection: ConnectionView }

export function ConnectionCard({ connection: c }: Props) {
  const registrations = useAppStore((s) => s.registrations)
  const deleteConnection = useAppStore((s) => s.deleteConnection)
  const updateConnection = useAppStore((s) => s.updateConnection)
  const [registering, setRegistering] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const [newCredential, setNewCredential] = useState('')
  const [credentialError, setCredentialError] = useState<string | null>(null)
  const info = PROVIDER_INFO[c.provider]
  // A removed registration stays while its notice says something is left at the provider.
  const mine = registrations.filter((r) => r.connectionId === c.id && (r.state !== 'removed' || r.notice))

  const saveCredential = async () => {
    try {
      await updateConnection({ id: c.id, credentials: { [info.credentialField]: newCredential } })
      setNewCredential('')
      setCredentialError(null)
    } catch (err) {
      setCredentialError(err instanceof Error ? err.message : String(err))
    }
  }

  return (
    <section className="card connection" data-testid="connection" data-id={c.id} data-provider={c.provider}>
      <div className="connection-head">
        <h3 className="card-title">{c.name}</h3>
        <span className="badge provider-badge">{info.label}</span>
        <span className={`badge ${c.credentialsError ? 'cred-bad' : 'cred-ok'}`} data-testid="connection-status">
          <span className="dot" aria-hidden="true" />
          {c.credentialsError ? 'Credentials refused' : 'No problem reported'}
        </span>
        <span className="spacer" />
        {confirming ? (
          <>
            <button type="button" className="btn btn-danger small" onClick={() => void deleteConnection(c.id)} data-testid="connection-delete-confirm">
              Delete connection and its registrations
            </button>
            <button type="button" className="btn btn-ghost small" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" className="btn btn-ghost small" onClick={() => setConfirming(true)} data-testid="connection-delete">
            Delete
          </button>
        )}
      </div>
      <dl className="kv small">
        <dt>Base URL</dt>
        <dd>
          <code>{c.baseUrl ?? info.defaultBaseUrl}</code>
        </dd>
        <dt>{info.credentialLabel}</dt>
        <dd>
          <code data-testid="connection-credential-masked">{c.credentials[info.credentialField] ?? '—'}</code>
        </dd>
      </dl>
      {c.credentialsError ? (
        <div className="alert alert-error" role="alert" data-testid="connection-credentials-error">
          <strong>{info.label} refused the credentials:</strong>
          <pre className="provider-text">{c.credentialsError}</pre>
          <div className="inline-form">
            <input type="password" autoComplete="off" placeholder={`New ${info.credentialLabel.toLowerCase()}`} value={newCredential} onChange={(e) => setNewCredential(e.target.value)} />
            <button type="button" className="btn small" disabled={!newCredential} onClick={() => void saveCredential()}>
              Save and retry
            </button>
          </div>
          {credentialError ? <p>{credentialError}</p> : null}
        </div>
      ) : null}
      <OrphansPanel connection={c} />
      <ul className="registrations" aria-label="Registrations">
        {mine.map((r) => (
          <RegistrationItem key={r.id} registration={r} />
        ))}
      </ul>
      {registering ? (
        <RegisterForm connection={c} onDone={() => setRegistering(false)} />
      ) : (
        <button type="button" className="btn" onClick={() => setRegistering(true)} data-testid="register-open">
          Register webhook
        </button>
      )}
    </section>
  )
}
