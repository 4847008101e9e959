import { memo } from 'react'
import { PROVIDER_INFO } from '../../../shared/provider-schemas'
import type { DeliverySummary } from '../../../shared/types'
import { formatFullTime, formatListTime, formatSize } from '../lib/format'
import type { RowClick } from '../state/replay-slice'
import { useAppStore } from '../state/store'
import { AttemptStatus } from './AttemptStatus'
import { MethodBadge } from './MethodBadge'
import { VerificationFlag } from './VerificationFlag'

export type Props = {
  delivery: DeliverySummary
  selected: boolean
  top: number
  height: number
  /** Part of the multi-selection a bulk replay would send. */
  picked?: boolean
  onSelect: (id: number, click: RowClick) => void
}

export const DeliveryRow = memo(function DeliveryRow({ delivery: d, selected, top, height, picked, onSelect }: Props) {
  return (
    <div
      role="option"
      id={`delivery-${d.id}`}
      data-testid="delivery-row"
      data-id={d.id}
      aria-selected={selected}
      data-picked={picked ? 'true' : undefined}
      className={`row${selected ? ' is-selected' : ''}${picked ? ' is-picked' : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
      onMouseDown={(e) => {
        // Keep focus on the list so the arrow keys keep working after a click.
        e.preventDefault()
        onSelect(d.id, { shift: e.shiftKey, toggle: e.ctrlKey || e.metaKey })
      }}
    >
      <RowCells delivery={d} />
    </div>
  )
})

/** Separate from the row so a prepend, which moves every row, does not re-render their cells. */
const RowCells = memo(function RowCells({ delivery: d }: { delivery: DeliverySummary }) {
  return (
    <>
      <MethodBadge method={d.method} />
      {d.path ? (
        <span className="row-path" title={d.query ? `${d.path}?${d.query}` : d.path}>
          {d.path}
          {d.query ? <span className="row-query">?{d.query}</span> : null}
        </span>
      ) : (
        <span className="row-path muted">(unparsed bytes)</span>
      )}
      <span className="row-flags">
        {d.registrationId ? <ProviderChip registrationId={d.registrationId} /> : null}
        <VerificationFlag delivery={d} />
        <RowFlag delivery={d} />
        {d.lastForward ? <AttemptStatus result={d.lastForward} prefix="→" testId="row-forward" /> : null}
      </span>
      <span className="row-size">{formatSize(d.bodySize)}</span>
      <span className="row-time" title={formatFullTime(d.receivedAt)}>
        {formatListTime(d.receivedAt)}
      </span>
    </>
  )
})

/** Which provider registration the delivery came through (its receiver path says which one). */
function ProviderChip({ registrationId }: { registrationId: string }) {
  const registration = useAppStore((s) => s.registrations.find((r) => r.id === registrationId))
  const loaded = useAppStore((s) => s.providersLoaded)
  if (!registration && !loaded) return null
  const label = registration ? PROVIDER_INFO[registration.provider].short : 'removed'
  const title = registration
    ? `Came through the ${PROVIDER_INFO[registration.provider].label} registration on ${registration.receiverPath}`
    : `Came through registration ${registrationId}, since deleted`
  return (
    <span className="flag flag-provider" data-testid="row-provider" data-registration={registrationId} title={title}>
      {label}
    </span>
  )
}

function RowFlag({ delivery: d }: { delivery: DeliverySummary }) {
  if (d.parseError) {
    return (
      <span className="flag flag-error" data-testid="row-flag" title={`Could not parse: ${d.parseError}`}>
        parse error
      </span>
    )
  }
  // A failed verification already has its own flag (and its 401 says nothing more).
  if (d.responseStatus !== 200 && d.verification !== 'failed') {
    return (
      <span className="flag flag-warn" data-testid="row-flag" title={`Hooktray answered ${d.responseStatus}`}>
        {d.responseStatus}
      </span>
    )
  }
  return <span className="flag-none" />
}
