import { useMemo } from 'react'
import type { Delivery } from '../../../shared/types'
import { analyseBody, BODY_FETCH_LIMIT, showControls } from '../lib/body'
import { formatSize } from '../lib/format'
import { HEX_VIEW_LIMIT, hexDump } from '../lib/hex'
import { useAppStore } from '../state/store'
import type { BodyMode } from '../state/ui-slice'
import { CopyButton } from './CopyButton'
import { JsonView } from './JsonView'
import { PairsTable } from './PairsTable'

export type Props = {
  delivery: Delivery
  /** The loaded prefix of the body (at most BODY_FETCH_LIMIT bytes). */
  body: Uint8Array
}

const TABS: { mode: BodyMode; label: string }[] = [
  { mode: 'pretty', label: 'Pretty' },
  { mode: 'raw', label: 'Raw' },
  { mode: 'hex', label: 'Hex' },
]

export function BodyViewer({ delivery, body }: Props) {
  const preferred = useAppStore((s) => s.bodyMode)
  const override = useAppStore((s) => s.bodyModeOverride)
  const setBodyMode = useAppStore((s) => s.setBodyMode)
  const analysis = useMemo(
    () => analyseBody(body, delivery.contentType, delivery.bodySize),
    [body, delivery.contentType, delivery.bodySize],
  )
  // Binary bodies and unparseable requests open where their bytes make sense, not in the text view.
  const special = analysis.text === null || delivery.parseError !== null
  const fallback: BodyMode = analysis.text === null ? 'hex' : 'raw'
  const mode = override?.id === delivery.id ? override.mode : special ? fallback : preferred
  const hex = useMemo(() => (mode === 'hex' ? hexDump(body, HEX_VIEW_LIMIT) : ''), [mode, body])

  if (delivery.bodySize === 0) {
    return (
      <section className="section">
        <h3 className="section-title">Body</h3>
        <p className="muted small" data-testid="body-view">
          No body
        </p>
      </section>
    )
  }

  const copyBody = (): string => analysis.text ?? hexDump(body, Infinity)
  return (
    <section className="section body-section">
      <div className="section-head">
        <h3 className="section-title">
          Body <span className="muted">{formatSize(delivery.bodySize)}</span>
          {delivery.contentType ? <span className="muted"> · {delivery.contentType}</span> : null}
        </h3>
        <div className="tabs" role="tablist" aria-label="Body view">
          {TABS.map((t) => (
            <button
              key={t.mode}
              type="button"
              role="tab"
              aria-selected={mode === t.mode}
              className={`tab${mode === t.mode ? ' is-active' : ''}`}
              onClick={() => setBodyMode(t.mode, special ? delivery.id : undefined)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <CopyButton text={copyBody} label="Body" title={analysis.text === null ? 'Copy body as hex dump' : 'Copy body'} />
      </div>
      <div className="body-view" role="tabpanel" data-testid="body-view" data-mode={mode}>
        {analysis.truncated ? (
          <p className="note" data-testid="body-truncated">
            Showing first {BODY_FETCH_LIMIT / (1024 * 1024)} MiB of {formatSize(delivery.bodySize)} (
            {delivery.bodySize.toLocaleString()} bytes).
          </p>
        ) : null}
        <BodyContent mode={mode} analysis={analysis} hex={hex} bodyLength={body.length} />
      </div>
    </section>
  )
}

type ContentProps = {
  mode: BodyMode
  analysis: ReturnType<typeof analyseBody>
  hex: string
  bodyLength: number
}

function BodyContent({ mode, analysis, hex, bodyLength }: ContentProps) {
  const shown = useMemo(() => (analysis.text === null ? '' : showControls(analysis.text)), [analysis.text])
  if (mode === 'hex') {
    return (
      <>
        {bodyLength > HEX_VIEW_LIMIT ? (
          <p className="note">
            Hex view shows the first {HEX_VIEW_LIMIT / 1024} KiB of {formatSize(bodyLength)} loaded.
          </p>
        ) : null}
        <pre className="code hex">{hex}</pre>
      </>
    )
  }
  if (analysis.text === null) {
    return <p className="note warn">This body is not valid UTF-8 text, so it is shown in the Hex view only.</p>
  }
  if (mode === 'raw') return <pre className="code raw">{shown}</pre>
  if (analysis.form) {
    return <PairsTable pairs={analysis.form} testId="form-table" empty="Empty form" />
  }
  if (analysis.prettyJson !== null) return <JsonView text={analysis.prettyJson} />
  return (
    <>
      {analysis.looksJson && analysis.truncated ? (
        <p className="note">JSON is pretty-printed only when the whole body is loaded.</p>
      ) : null}
      {analysis.jsonError ? (
        <p className="note warn" data-testid="json-error">
          Invalid JSON: {analysis.jsonError}
        </p>
      ) : null}
      <pre className="code raw">{shown}</pre>
    </>
  )
}
