import type { KeyboardEvent } from 'react'
import { formatSize } from '../lib/format'
import type { ReplayForm } from '../lib/replay-form'
import { HeadersEditor } from './HeadersEditor'

export type Props = {
  form: ReplayForm
  /** The delivery's full body size, for the note when only a prefix was loaded. */
  bodySize: number
  resign: boolean
  busy: boolean
  onChange: (form: ReplayForm) => void
  onResign: (resign: boolean) => void
  onSend: () => void
  onReset: () => void
  onCancel: () => void
}

/** "Edit and replay": request line, header table and body, sent with the panel's target. */
export function ReplayEditor({ form, bodySize, resign, busy, onChange, onResign, onSend, onReset, onCancel }: Props) {
  const set = (patch: Partial<ReplayForm>): void => onChange({ ...form, ...patch })
  const sendOnCtrlEnter = (e: KeyboardEvent): void => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      onSend()
    }
  }
  const sendOnEnter = (e: KeyboardEvent): void => {
    if (e.key === 'Enter') {
      e.preventDefault()
      onSend()
    }
  }

  return (
    <div className="replay-editor" data-testid="replay-editor">
      <div className="edit-line">
        <label className="replay-field field-method">
          <span className="label">Method</span>
          <input className="input mono" value={form.method} spellCheck={false} data-testid="edit-method" onChange={(e) => set({ method: e.target.value })} onKeyDown={sendOnEnter} />
        </label>
        <label className="replay-field field-path">
          <span className="label">Path</span>
          <input className="input mono" value={form.path} spellCheck={false} data-testid="edit-path" onChange={(e) => set({ path: e.target.value })} onKeyDown={sendOnEnter} />
        </label>
        <label className="replay-field field-query">
          <span className="label">Query</span>
          <input className="input mono" value={form.query} placeholder="a=1&b=2" spellCheck={false} data-testid="edit-query" onChange={(e) => set({ query: e.target.value })} onKeyDown={sendOnEnter} />
        </label>
      </div>
      <p className="hint">
        An edited path is sent as given; an unchanged one follows the target URL's rules. Host, Content-Length and hop-by-hop headers are set by Hooktray.
      </p>

      <div className="edit-block">
        <span className="label">
          Headers <span className="muted">{form.headers.length}</span>
        </span>
        <HeadersEditor rows={form.headers} onChange={(headers) => set({ headers })} />
      </div>

      <label className="edit-block">
        <span className="label">
          Body {form.binary ? <span className="muted">binary, shown as base64: edit the base64</span> : <span className="muted">UTF-8 text</span>}
        </span>
        {!form.bodyComplete ? (
          <span className="hint">
            The body is {formatSize(bodySize)}, too large to edit here: it is sent as captured unless you type a replacement{form.binary ? ' (base64)' : ''}.
          </span>
        ) : null}
        <textarea
          className="input mono body-input"
          value={form.body}
          rows={Math.min(18, Math.max(5, form.body.split('\n').length + 1))}
          spellCheck={false}
          data-testid="edit-body"
          onChange={(e) => set({ body: e.target.value })}
          onKeyDown={sendOnCtrlEnter}
        />
      </label>

      <div className="edit-actions">
        <label className="check" title="MyCirrus X-Webhook-Signature or a registration's HMAC: recomputed with its secret for the edited body">
          <input type="checkbox" checked={resign} data-testid="edit-resign" onChange={(e) => onResign(e.target.checked)} />
          Re-sign the edited body (when the signature scheme is known)
        </label>
        <span className="spacer" />
        <button type="button" className="btn btn-ghost" onClick={onReset} disabled={busy}>
          Reset
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="btn btn-primary" data-testid="edit-send" onClick={onSend} disabled={busy} title="Ctrl+Enter in the body">
          {busy ? 'Sending…' : 'Send edited'}
        </button>
      </div>
    </div>
  )
}
