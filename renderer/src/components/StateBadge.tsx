import type { RegistrationState } from '../../../shared/provider-schemas'

export type Props = { state: RegistrationState }

const LABEL: Record<RegistrationState, string> = {
  pending: 'Pending',
  registered: 'Registered',
  failed: 'Failed',
  stale: 'Stale',
  removed: 'Removed',
}

export function StateBadge({ state }: Props) {
  return (
    <span className={`badge state-badge state-${state}`} data-testid="registration-state" data-state={state}>
      <span className="dot" aria-hidden="true" />
      {LABEL[state]}
    </span>
  )
}
