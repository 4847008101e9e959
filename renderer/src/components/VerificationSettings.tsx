import { useEffect, useState, type FormEvent } from 'react'
import { useAppStore } from '../state/store'

export type Props = Record<string, never>

/** What the receiver answers a sender whose delivery fails its signature or credential check. */
export function VerificationSettings(_props: Props) {
  const settings = useAppStore((s) => s.providerSettings)
  const load = useAppStore((s) => s.loadProviderSettings)
  const save = useAppStore((s) => s.saveProviderSettings)
  const [draft, setDraft] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)

  useEffect(() => void load(), [load])
  if (!settings) return null
  const value = draft ?? String(settings.failedVerificationStatus)

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    setSaved(false)
    const status = Number(value.trim())
    if (!/^\d+$/.test(value.trim()) || status < 200 || status > 599) {
      setError('Enter an HTTP status from 200 to 599, e.g. 401')
      return
    }
    try {
      await save({ failedVerificationStatus: status })
      setDraft(null)
      setError(null)
      setSaved(true)
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    }
  }

  return (
    <form className="settings-card" aria-labelledby="verify-title" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="verification-settings">
      <h2 id="verify-title">Verification</h2>
      <div className="settings-grid">
        <label className="settings-field">
          <span className="label">Answer to a delivery that fails verification</span>
          <input
            className="input"
            inputMode="numeric"
            data-testid="field-failedVerificationStatus"
            value={value}
            onChange={(e) => {
              setDraft(e.target.value)
              setSaved(false)
            }}
          />
          {error ? (
            <span className="field-error" role="alert">
              {error}
            </span>
          ) : null}
        </label>
      </div>
      <p className="hint">
        The delivery is stored and flagged either way. 401 (the default) tells the sender it was refused; a 2xx stops a provider from retrying it.
      </p>
      <div className="settings-actions">
        <button type="submit" className="btn btn-primary" data-testid="save-verification-settings">
          Save
        </button>
        {saved ? <span className="hint">Saved.</span> : null}
      </div>
    </form>
  )
}
