import { PROVIDER_INFO } from '../../../shared/provider-schemas'
import { useAppStore } from '../state/store'

export type Props = Record<string, never>

/** Shown above the list while it is narrowed to one registration's deliveries. */
export function RegistrationFilterBar(_props: Props) {
  const filter = useAppStore((s) => s.registrationFilter)
  const registration = useAppStore((s) => (s.registrationFilter ? s.registrations.find((r) => r.id === s.registrationFilter) : undefined))
  const setFilter = useAppStore((s) => s.setRegistrationFilter)
  if (!filter) return null
  return (
    <div className="filter-bar" data-testid="registration-filter">
      <span>
        Only deliveries of{' '}
        {registration ? (
          <>
            {PROVIDER_INFO[registration.provider].label} <code>{registration.receiverPath}</code>
          </>
        ) : (
          <code>{filter}</code>
        )}
      </span>
      <button type="button" className="btn btn-ghost small" onClick={() => setFilter(null)}>
        Show all
      </button>
    </div>
  )
}
