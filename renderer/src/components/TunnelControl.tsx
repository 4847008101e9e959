import { useEffect, useRef, useState } from 'react'
import type { TunnelStatus } from '../../../shared/types'
import { useAppStore } from '../state/store'
import { TunnelBadge } from './TunnelBadge'
import { TunnelPanel } from './TunnelPanel'

export type Props = { tunnel: TunnelStatus }

/** The tunnel's badge in the header; clicking it opens the panel that configures and controls it. */
export function TunnelControl({ tunnel }: Props) {
  const loadTunnel = useAppStore((s) => s.loadTunnel)
  const [open, setOpen] = useState(false)
  const rootRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    // Fresh configuration each time: the tray or another window may have changed it.
    if (open) void loadTunnel()
  }, [open, loadTunnel])

  useEffect(() => {
    if (!open) return
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setOpen(false)
    }
    const onDown = (e: MouseEvent): void => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false)
    }
    window.addEventListener('keydown', onKey)
    window.addEventListener('mousedown', onDown)
    return () => {
      window.removeEventListener('keydown', onKey)
      window.removeEventListener('mousedown', onDown)
    }
  }, [open])

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
