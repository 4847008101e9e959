import { useCallback, useEffect, useRef, useState } from 'react'
import type { TunnelStatus } from '../../../shared/types'
import { useDismiss } from '../hooks/use-dismiss'
import { useAppStore } from '../state/store'
import { TunnelBadge } from './TunnelBadge'
import { TunnelPanel } from './TunnelPanel'

export type Props = { tunnel: TunnelStatus }

/** The tunnel's badge in the header; clicking it opens the panel that configures and controls it. */
export function TunnelControl({ tunnel }: Props) {
  const loadTunnel = useAppStore((s) => s.loadTunnel)
  const [open, setOpen] = useState(false)
  const rootRef = useRef<HTMLDivElement>(null)
  const closePopover = useCallback(() => setOpen(false), [])

  useEffect(() => {
    // Fresh configuration each time: the tray or another window may have changed it.
    if (open) void loadTunnel()
  }, [open, loadTunnel])

  useDismiss(open, rootRef, closePopover)

  return (
    <div className="tunnel-control" ref={rootRef}>
      <button
        type="button"
        className="tunnel-trigger"
        aria-expanded={open}
        aria-haspopup="dialog"
        data-testid="tunnel-button"
        onClick={() => setOpen(!open)}
      >
        <TunnelBadge tunnel={tunnel} />
        <svg className="icon tunnel-caret" viewBox="0 0 10 10" width="10" height="10" aria-hidden="true">
          <path d="M2 3.5 5 6.5 8 3.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
      </button>
      {open ? <TunnelPanel tunnel={tunnel} /> : null}
    </div>
  )
}
