import type { DeliverySummary } from '../../../shared/types'

export type Props = { delivery: DeliverySummary }

/** The list's mark for a delivery on a provider registration's path: verified, or failed (and why). */
export function VerificationFlag({ delivery: d }: Props) {
  if (!d.verification) return null
  if (d.verification === 'verified') {
    return (
      <span className="flag flag-ok" data-testid="row-verification" data-verification="verified" title="Signature verified">
        verified
      </span>
    )
  }
  if (d.verification === 'failed') {
    return (
      <span className="flag flag-error" data-testid="row-verification" data-verification="failed" title={`Verification failed: ${d.verificationReason ?? ''}`}>
        unverified
      </span>
    )
  }
  return (
    <span className="flag flag-muted" data-testid="row-verification" data-verification="not-configured" title={d.verificationReason ?? 'Not verified'}>
      no check
    </span>
  )
}
