import { useState, type FormEvent } from 'react'
import { PROVIDER_INFO, PROVIDER_KINDS, type ProviderKindName } from '../../../shared/provider-schemas'
import { connectionArgs, emptyConnectionForm, type ConnectionForm } from '../lib/provider-form'
import { useAppStore } from '../state/store'

export type Props = { onDone: () => void }

const OPTION_HINTS: Record<ProviderKindName, string> = {
  mycirrus: '(none needed)',
  'aggregate-intelligence': '{"queryParam": "token", "headerName": "X-Webhook-Token"}  (optional)',
  droplit: '{"useSecret": true}  (optional)',
  'webhooks-api': '{"secretField": "secret"}  (if the API takes a signing secret)',
  generic: '{"create": {"path": "/webhooks", "body": "{\\"url\\": \\"{{url}}\\", \\"secret\\": \\"{{secret}}\\"}"}, "delete": {"path": "/webhooks/{{id}}"}, "verify": {"scheme": "hmac"}}',
}

/** Add a connection: which API, where, and the one credential it needs. */
export function AddConnectionForm({ onDone }: Props) {
  const createConnection = useAppStore((s) => s.createConnection)
  const [form, setForm] = useState<ConnectionForm>(emptyConnectionForm())
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const info = PROVIDER_INFO[form.provider]
  const update = (patch: Partial<ConnectionForm>) => setForm((f) => ({ ...f, ...patch }))

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const args = connectionArgs(form)
    if (!args.ok) return setError(args.error)
    setBusy(true)
    setError(null)
    try {
      await createConnection(args.value)
      onDone()
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} data-testid="connection-form" aria-label="Add connection">
      <h3 className="card-title">Add connection</h3>
      <label className="conn-field">
        <span>Provider</span>
        <select value={form.provider} onChange={(e) => update({ provider: e.target.value as ProviderKindName })} data-testid="connection-provider">
          {PROVIDER_KINDS.map((k) => (
            <option key={k} value={k}>
              {PROVIDER_INFO[k].label}
            </option>
          ))}
        </select>
      </label>
      <label className="conn-field">
        <span>Name</span>
        <input value={form.name} placeholder={info.label} onChange={(e) => update({ name: e.target.value })} data-testid="connection-name" />
      </label>
      <label className="conn-field">
        <span>Base URL</span>
        <input
          value={form.baseUrl}
          placeholder={info.defaultBaseUrl ?? 'required, e.g. https://api.example.com'}
          onChange={(e) => update({ baseUrl: e.target.value })}
          data-testid="connection-base-url"
        />
      </label>
      <label className="conn-field">
        <span>{info.credentialLabel}</span>
        <input
          type="password"
          autoComplete="off"
          value={form.credential}
          onChange={(e) => update({ credential: e.target.value })}
          data-testid="connection-credential"
        />
      </label>
      {form.provider === 'mycirrus' ? (
        <label className="conn-field">
          <span>Signature encoding</span>
          <select
            value={form.signatureEncoding}
            onChange={(e) => update({ signatureEncoding: e.target.value as ConnectionForm['signatureEncoding'] })}
            data-testid="connection-signature-encoding"
          >
            <option value="hex">hex (MyCirrus default)</option>
            <option value="base64">base64</option>
          </select>
        </label>
      ) : null}
      <details className="field-details" open={form.provider === 'generic'}>
        <summary>Options (JSON)</summary>
        <textarea
          rows={form.provider === 'generic' ? 6 : 2}
          value={form.optionsJson}
          placeholder={OPTION_HINTS[form.provider]}
          onChange={(e) => update({ optionsJson: e.target.value })}
          data-testid="connection-options"
        />
      </details>
      {error ? (
        <div className="alert alert-error form-error" role="alert" data-testid="connection-form-error">
          {error}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="connection-save">
          {busy ? 'Saving…' : 'Save connection'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  )
}
