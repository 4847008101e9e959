import { useState, type KeyboardEvent } from 'react'
import type { ReplayEdits } from '../../../shared/replay-schemas'
import type { Delivery } from '../../../shared/types'
import { formToEdits, initialForm, rememberedTarget, rememberTarget, type ReplayForm } from '../lib/replay-form'
import { useAppStore } from '../state/store'
import { ReplayEditor } from './ReplayEditor'

export type Props = {
  delivery: Delivery
  /** The loaded body (a prefix when large); null while loading. Editing waits for it. */
  body: Uint8Array | null
}

/**
 * Send the delivery again to a target, as captured or edited. Mounted per delivery (keyed by id),
 * so an edit in progress never leaks onto another delivery.
 */
export function ReplayPanel({ delivery, body }: Props) {
  const replay = useAppStore((s) => s.replay)
  const [target, setTarget] = useState(rememberedTarget)
  const [keepTunnel, setKeepTunnel] = useState(false)
  const [resign, setResign] = useState(true)
  const [edit, setEdit] = useState<{ initial: ReplayForm; form: ReplayForm } | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const send = async (edits: ReplayEdits | undefined): Promise<void> => {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      await replay(delivery.id, { target: target.trim(), edits, resign, keepTunnelHeaders: keepTunnel })
      rememberTarget(target.trim())
    } catch (err) {
      // The API's own words: they name the bad header, the loop, the malformed URL.
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }
  const sendEdited = (): void => {
    if (edit) void send(formToEdits(edit.form, edit.initial))
  }
  const startEdit = (): void => {
    if (!body) return
    const initial = initialForm(delivery, body)
    setEdit({ initial, form: initial })
  }
  const onTargetKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Enter') return
    e.preventDefault()
    if (edit) sendEdited()
    else void send(undefined)
  }

  return (
    <section className="section replay-panel" data-testid="replay-panel">
      <div className="section-head">
        <h3 className="section-title">Replay</h3>
      </div>
      <div className="replay-bar">
        <input
          className="input mono replay-target"
          inputMode="url"
          value={target}
          placeholder="http://localhost:3000"
          aria-label="Replay target URL"
          spellCheck={false}
          data-testid="replay-target"
          onChange={(e) => setTarget(e.target.value)}
          onKeyDown={onTargetKey}
        />
        <button
          type="button"
          className={edit ? 'btn' : 'btn btn-primary'}
          disabled={busy || delivery.parseError !== null}
          data-testid="replay-send"
          title={delivery.parseError ? 'An unparsed request cannot be replayed' : 'Send the request exactly as captured (Enter)'}
          onClick={() => void send(undefined)}
        >
          {busy && !edit ? 'Sending…' : 'Send as captured'}
        </button>
        <button
          type="button"
          className="btn"
          disabled={!body || edit !== null || delivery.parseError !== null}
          data-testid="replay-edit"
          onClick={startEdit}
        >
          Edit &amp; replay
        </button>
      </div>
      <label className="check">
        <input type="checkbox" checked={keepTunnel} data-testid="replay-keep-tunnel" onChange={(e) => setKeepTunnel(e.target.checked)} />
        Keep tunnel headers (cf-*, cdn-loop, x-forwarded-*)
      </label>
      {error ? (
        <p className="alert alert-error replay-error" role="alert" data-testid="replay-error">
          {error}
        </p>
      ) : null}
      {edit ? (
        <ReplayEditor
          form={edit.form}
          bodySize={delivery.bodySize}
          resign={resign}
          busy={busy}
          onChange={(form) => setEdit({ ...edit, form })}
          onResign={setResign}
          onSend={sendEdited}
          onReset={() => setEdit({ ...edit, form: edit.initial })}
          onCancel={() => setEdit(null)}
        />
      ) : null}
    </section>
  )
}
