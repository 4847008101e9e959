import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react'
import type { ForwardingSettings } from '../../../shared/replay-schemas'
import { useDismiss } from '../hooks/use-dismiss'
import { useAppStore } from '../state/store'

export type Props = Record<string, never>

function shortTarget(target: string): string {
  try {
    const u = new URL(target)
    return u.host + (u.pathname === '/' ? '' : u.pathname)
  } catch {
    return target
  }
}

/** Live forwarding in the header: a badge saying where deliveries go, and a popover to change it. */
export function ForwardingControl(_props: Props) {
  const forwarding = useAppStore((s) => s.forwarding)
  const loadForwarding = useAppStore((s) => s.loadForwarding)
  const [open, setOpen] = useState(false)
  const rootRef = useRef<HTMLDivElement>(null)
  const closePopover = useCallback(() => setOpen(false), [])

  useEffect(() => {
    void loadForwarding()
  }, [loadForwarding])

  useDismiss(open, rootRef, closePopover)

  const on = forwarding?.enabled === true && forwarding.target !== null
  return (
    <div className="forwarding" ref={rootRef}>
      <button
        type="button"
        className={`badge forward-badge${on ? ' forward-on' : ''}`}
        aria-expanded={open}
        aria-haspopup="dialog"
        data-testid="forwarding-button"
        title={on ? `Every delivery is forwarded to ${forwarding.target} once stored` : 'Live forwarding is off'}
        onClick={() => setOpen(!open)}
      >
        <span className="dot" aria-hidden="true" />
        {on ? `Forward → ${shortTarget(forwarding.target!)}` : 'Forwarding off'}
      </button>
      {open && forwarding ? <ForwardingPopover current={forwarding} onClose={() => setOpen(false)} /> : null}
    </div>
  )
}

type PopoverProps = { current: ForwardingSettings; onClose: () => void }

function ForwardingPopover({ current, onClose }: PopoverProps) {
  const save = useAppStore((s) => s.saveForwarding)
  const [target, setTarget] = useState(current.target ?? '')
  const [enabled, setEnabled] = useState(current.enabled)
  const [respond, setRespond] = useState(current.respond)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await save({ target: target.trim() || null, enabled, respond })
      onClose()
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="popover forwarding-popover" role="dialog" aria-label="Live forwarding" data-testid="forwarding-popover" onSubmit={(e) => void submit(e)}>
      <h3 className="popover-title">Live forwarding</h3>
      <p className="hint">Each delivery is stored first, then sent to the target. A URL without a path gets the captured path and query appended.</p>
      <label className="replay-field">
        <span className="label">Target</span>
        <input
          className="input mono"
          inputMode="url"
          value={target}
          placeholder="http://localhost:3000"
          spellCheck={false}
          autoFocus
          data-testid="forwarding-target"
          onChange={(e) => setTarget(e.target.value)}
        />
      </label>
      <label className="check">
        <input type="checkbox" checked={enabled} data-testid="forwarding-enabled" onChange={(e) => setEnabled(e.target.checked)} />
        Forward every new delivery
      </label>
      <fieldset className="radios">
        <legend className="label">Answer the sender</legend>
        <label className="check">
          <input type="radio" name="respond" checked={respond === 'immediately'} data-testid="forwarding-respond-immediately" onChange={() => setRespond('immediately')} />
          Immediately, once stored (never slows capture)
        </label>
        <label className="check">
          <input type="radio" name="respond" checked={respond === 'with-target'} data-testid="forwarding-respond-with-target" onChange={() => setRespond('with-target')} />
          With the target&apos;s answer (502 when unreachable)
        </label>
      </fieldset>
      {error ? (
        <p className="alert alert-error" role="alert" data-testid="forwarding-error">
          {error}
        </p>
      ) : null}
      <div className="popover-actions">
        <button type="button" className="btn btn-ghost" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="forwarding-save">
          Save
        </button>
      </div>
    </form>
  )
}
