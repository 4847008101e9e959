import type { Ref } from 'react'
import type { Delivery, DeliverySummary } from '../../../shared/types'
import { decodeUtf8 } from '../lib/body'
import { formatFullTime, formatSize, joinUrl, pathWithQuery } from '../lib/format'
import { curlCommand, headersText } from '../lib/shell'
import { useAppStore } from '../state/store'
import { AttemptsSection } from './AttemptsSection'
import { BodyViewer } from './BodyViewer'
import { CopyButton } from './CopyButton'
import { MethodBadge } from './MethodBadge'
import { PairsTable } from './PairsTable'
import { QuerySection } from './QuerySection'
import { ReplayPanel } from './ReplayPanel'
import { VerificationSection } from './VerificationSection'

export type Props = { ref?: Ref<HTMLElement> }

/** The right-hand pane. Focusable so Enter in the list can move the keyboard here. */
export function DetailPane({ ref }: Props) {
  const selectedId = useAppStore((s) => s.selectedId)
  const detail = useAppStore((s) => s.detail)
  const summary = useAppStore((s) => (s.selectedId === null ? undefined : s.items.find((d) => d.id === s.selectedId)))
  const receiverUrl = useAppStore((s) => s.status?.receiver.url ?? null)

  if (selectedId === null) {
    return (
      <section className="detail-pane detail-placeholder" ref={ref} tabIndex={-1}>
        <p>Select a request to inspect it.</p>
        <p className="muted small">
          <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Enter</kbd> open · <kbd>Esc</kbd> clear selection
        </p>
      </section>
    )
  }

  const loaded = detail?.id === selectedId ? detail : null
  const full = loaded?.delivery ?? null
  const d: DeliverySummary | null = full ?? summary ?? null
  if (!d) {
    return (
      <section className="detail-pane detail-placeholder" ref={ref} tabIndex={-1} data-testid="detail">
        <p>{loaded?.error ?? 'Loading…'}</p>
      </section>
    )
  }

  return (
    <section className="detail-pane" ref={ref} tabIndex={-1} data-testid="detail" data-id={d.id} aria-label="Request detail">
      <div className="detail-head">
        <div className="request-line" data-testid="request-line">
          <MethodBadge method={d.method} />
          {d.path ? (
            <span className="target">{pathWithQuery(d.path, d.query)}</span>
          ) : (
            <span className="target muted">Unparsed request</span>
          )}
          {full?.httpVersion ? <span className="version">HTTP/{full.httpVersion}</span> : null}
        </div>
        <div className="detail-actions">
          {receiverUrl && !d.parseError ? (
            <CopyButton text={joinUrl(receiverUrl, pathWithQuery(d.path, d.query))} label="URL" title="Copy the URL this was sent to" />
          ) : null}
          {full && loaded?.body && receiverUrl && !d.parseError ? (
            <CopyButton text={() => curlFor(full, loaded.body!, receiverUrl)} label="curl" title="Copy as a curl command" />
          ) : null}
        </div>
      </div>
      <dl className="meta">
        <div>
          <dt>Received</dt>
          <dd>{formatFullTime(d.receivedAt)}</dd>
        </div>
        <div>
          <dt>From</dt>
          <dd>{d.remoteAddress || '—'}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>
            {formatSize(d.bodySize)}
            {d.bodySize >= 1024 ? <span className="muted"> ({d.bodySize.toLocaleString()} B)</span> : null}
          </dd>
        </div>
        <div>
          <dt>Answered</dt>
          <dd className={d.responseStatus === 200 ? undefined : 'text-warn'}>{d.responseStatus}</dd>
        </div>
        <div>
          <dt>ID</dt>
          <dd>#{d.id}</dd>
        </div>
      </dl>
      {d.parseError ? (
        <div className="alert alert-error" role="alert" data-testid="parse-error">
          <strong>Not a valid HTTP request:</strong> {d.parseError}. The bytes as received are shown below.
        </div>
      ) : null}
      {loaded?.error ? (
        <div className="alert alert-error" role="alert">
          {loaded.error}
        </div>
      ) : null}
      <VerificationSection delivery={d} />
      {full ? <ReplayPanel key={`replay-${full.id}`} delivery={full} body={loaded?.body ?? null} /> : null}
      <AttemptsSection key={`attempts-${d.id}`} deliveryId={d.id} />
      <section className="section">
        <div className="section-head">
          <h3 className="section-title">
            Headers {full ? <span className="muted">{full.headers.length}</span> : null}
          </h3>
          {full && full.headers.length > 0 ? <CopyButton text={headersText(full.headers)} label="Headers" /> : null}
        </div>
        {full ? (
          <PairsTable pairs={full.headers} testId="headers-table" empty="No headers" markDuplicates />
        ) : (
          <p className="muted small">Loading…</p>
        )}
      </section>
      {d.query ? <QuerySection query={d.query} /> : null}
      {full && loaded?.body ? <BodyViewer delivery={full} body={loaded.body} /> : null}
    </section>
  )
}

function curlFor(delivery: Delivery, body: Uint8Array, receiverUrl: string): string {
  const complete = body.length >= delivery.bodySize
  return curlCommand({
    method: delivery.method,
    url: joinUrl(receiverUrl, pathWithQuery(delivery.path, delivery.query)),
    headers: delivery.headers,
    bodyText: complete ? decodeUtf8(body) : null,
    bodySize: delivery.bodySize,
    bodyFile: `delivery-${delivery.id}.bin`,
  })
}
