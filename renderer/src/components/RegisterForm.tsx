import { useState, type FormEvent } from 'react'
import type { ConnectionView } from '../../../shared/provider-schemas'
import { emptyRegistrationForm, registrationArgs, type RegistrationForm } from '../lib/provider-form'
import { useAppStore } from '../state/store'
import { ProviderFields } from './ProviderFields'

export type Props = { connection: ConnectionView; onDone: () => void }

/** Register a webhook through a connection, with the provider's own options. */
export function RegisterForm({ connection, onDone }: Props) {
  const createRegistration = useAppStore((s) => s.createRegistration)
  const [form, setForm] = useState<RegistrationForm>(emptyRegistrationForm())
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const update = (patch: Partial<RegistrationForm>) => setForm((f) => ({ ...f, ...patch }))

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await createRegistration(registrationArgs(connection.id, connection.provider, form))
      onDone()
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="form register-form" onSubmit={(e) => void submit(e)} data-testid="register-form" aria-label="Register webhook">
      <ProviderFields provider={connection.provider} form={form} update={update} />
      <label className="conn-field">
        <span>Forward to</span>
        <input value={form.forwardTo} placeholder="optional, e.g. http://localhost:3000" onChange={(e) => update({ forwardTo: e.target.value })} />
      </label>
      {connection.capabilities.unregister ? (
        <label className="check">
          <input type="checkbox" checked={form.unregisterOnQuit} onChange={(e) => update({ unregisterOnQuit: e.target.checked })} />
          Delete it at the provider when Hooktray quits
        </label>
      ) : null}
      {error ? (
        <div className="alert alert-error form-error" role="alert" data-testid="register-form-error">
          {error}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="register-submit">
          {busy ? 'Registering…' : 'Register'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  )
}
