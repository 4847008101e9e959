import { newRow, type HeaderRow } from '../lib/replay-form'

export type Props = {
  rows: HeaderRow[]
  onChange: (rows: HeaderRow[]) => void
}

/** The header table of "edit and replay": order, case and duplicates stay as the user leaves them. */
export function HeadersEditor({ rows, onChange }: Props) {
  const update = (key: number, patch: Partial<HeaderRow>): void =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)))

  return (
    <div className="headers-editor" data-testid="edit-headers">
      {rows.map((r, i) => (
        <div className="header-edit-row" key={r.key} data-testid="edit-header-row">
          <input
            className="input mono"
            value={r.name}
            placeholder="Name"
            aria-label={`Header ${i + 1} name`}
            spellCheck={false}
            onChange={(e) => update(r.key, { name: e.target.value })}
          />
          <input
            className="input mono"
            value={r.value}
            placeholder="Value"
            aria-label={`Header ${i + 1} value`}
            spellCheck={false}
            onChange={(e) => update(r.key, { value: e.target.value })}
          />
          <button
            type="button"
            className="btn btn-icon"
            title="Remove this header"
            aria-label={`Remove header ${r.name || i + 1}`}
            onClick={() => onChange(rows.filter((x) => x.key !== r.key))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-ghost add-header" data-testid="add-header" onClick={() => onChange([...rows, newRow()])}>
        + Add header
      </button>
    </div>
  )
}
