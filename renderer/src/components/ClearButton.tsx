import { useEffect, useState } from 'react'

export type Props = {
  count: number
  onClear: () => Promise<void>
}

/** An inline confirmation rather than window.confirm: it looks the same in Electron and the browser. */
export function ClearButton({ count, onClear }: Props) {
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (!confirming) return
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setConfirming(false)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [confirming])

  if (!confirming) {
    return (
      <button
        type="button"
        className="btn btn-ghost"
        data-testid="clear-button"
        disabled={count === 0}
        onClick={() => setConfirming(true)}
      >
        Clear
      </button>
    )
  }
  return (
    <span className="confirm" role="group" aria-label="Confirm clear">
      <span className="confirm-text">
        Delete {count === 1 ? 'the captured request' : `all ${count.toLocaleString()} captured requests`}?
      </span>
      <button
        type="button"
        className="btn btn-danger"
        data-testid="confirm-clear"
        disabled={busy}
        autoFocus
        onClick={() => {
          setBusy(true)
          void onClear().finally(() => {
            setBusy(false)
            setConfirming(false)
          })
        }}
      >
        Delete all
      </button>
      <button type="button" className="btn btn-ghost" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </span>
  )
}
