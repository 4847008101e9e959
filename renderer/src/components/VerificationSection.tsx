import { PROVIDER_INFO } from '../../../shared/provider-schemas'
import type { DeliverySummary } from '../../../shared/types'
import { useAppStore } from '../state/store'

export type Props = { delivery: DeliverySummary }

const RESULT_TEXT = { verified: 'Verified', failed: 'Failed', 'not-configured': 'Not configured' } as const

/** Which registration a delivery came through and what checking its sender said. */
export function VerificationSection({ delivery: d }: Props) {
  const registration = useAppStore((s) => (d.registrationId ? s.registrations.find((r) => r.id === d.registrationId) : undefined))
  const connection = useAppStore((s) => (registration ? s.connections.find((c) => c.id === registration.connectionId) : undefined))
  const setFilter = useAppStore((s) => s.setRegistrationFilter)
  if (!d.registrationId) return null
  const result = d.verification ?? 'not-configured'
  return (
    <section className="section" data-testid="verification">
      <div className="section-head">
        <h3 className="section-title">Provider</h3>
        <button type="button" className="btn btn-ghost small" onClick={() => setFilter(d.registrationId)}>
          Only this registration
        </button>
      </div>
      <dl className="kv">
        <dt>Registration</dt>
        <dd data-testid="verification-registration">
          {registration ? (
            <>
              {PROVIDER_INFO[registration.provider].label}
              {connection ? ` · ${connection.name}` : ''} · <code>{registration.receiverPath}</code>
              {registration.state !== 'registered' ? <span className="muted"> ({registration.state})</span> : null}
            </>
          ) : (
            <span className="muted">{d.registrationId} (deleted)</span>
          )}
        </dd>
        <dt>Verification</dt>
        <dd>
          <span className={`verify-result verify-${result}`} data-testid="verification-result" data-verification={result}>
            {RESULT_TEXT[result]}
          </span>
          {d.verificationReason ? <span className="verify-reason" data-testid="verification-reason"> — {d.verificationReason}</span> : null}
        </dd>
      </dl>
    </section>
  )
}
