import { useEffect, useMemo, useState } from 'react'
import type { Attempt, HeaderPair, SentRequest } from '../../../shared/types'
import { analyseBody, showControls } from '../lib/body'
import { formatSize, pathWithQuery } from '../lib/format'
import { hexDump } from '../lib/hex'
import { useAppStore } from '../state/store'
import { JsonView } from './JsonView'
import { PairsTable } from './PairsTable'

export type Props = { attempt: Attempt }

/** What the core keeps of a target's answer (MAX_STORED_RESPONSE_BYTES). */
const KEPT_BYTES = 1024 * 1024

type Loaded<T> = { state: 'loading' } | { state: 'done'; value: T } | { state: 'failed'; error: string }

function contentType(headers: HeaderPair[]): string | null {
  return headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? null
}

/** One attempt opened: the target's answer (headers, body) and, for an edited one, what was sent. */
export function AttemptViewer({ attempt }: Props) {
  const fetchBody = useAppStore((s) => s.fetchAttemptBody)
  const fetchSent = useAppStore((s) => s.fetchAttemptSent)
  const [body, setBody] = useState<Loaded<Uint8Array>>({ state: 'loading' })
  const [sent, setSent] = useState<Loaded<{ request: SentRequest; body: Uint8Array | null } | null>>({ state: 'loading' })

  useEffect(() => {
    let live = true
    const fail = (err: unknown) => ({ state: 'failed' as const, error: err instanceof Error ? err.message : String(err) })
    fetchBody(attempt.id).then(
      (value) => live && setBody({ state: 'done', value }),
      (err: unknown) => live && setBody(fail(err)),
    )
    if (attempt.edited) {
      fetchSent(attempt.id).then(
        (value) => live && setSent({ state: 'done', value }),
        (err: unknown) => live && setSent(fail(err)),
      )
    }
    return () => {
      live = false
    }
  }, [attempt.id, attempt.edited, fetchBody, fetchSent])

  return (
    <div className="attempt-viewer" data-testid="attempt-viewer" data-attempt-id={attempt.id}>
      {attempt.error ? (
        <p className="note warn" data-testid="attempt-error">
          {attempt.error}
        </p>
      ) : null}
      <h4 className="attempt-sub">
        Response headers <span className="muted">{attempt.responseHeaders.length}</span>
      </h4>
      <PairsTable pairs={attempt.responseHeaders} testId="attempt-headers" empty={attempt.status === null ? 'No answer' : 'No headers'} markDuplicates />
      <h4 className="attempt-sub">
        Response body <span className="muted">{formatSize(attempt.responseBodySize)}</span>
      </h4>
      {attempt.truncated ? (
        <p className="note" data-testid="attempt-truncated">
          Truncated: only the first {formatSize(KEPT_BYTES)} of {attempt.responseBodySize.toLocaleString()} bytes was kept.
        </p>
      ) : null}
      {body.state === 'loading' ? <p className="muted small">Loading…</p> : null}
      {body.state === 'failed' ? <p className="note warn">{body.error}</p> : null}
      {body.state === 'done' ? <ResponseBody bytes={body.value} contentType={contentType(attempt.responseHeaders)} /> : null}
      {attempt.edited && sent.state === 'done' && sent.value ? <SentView request={sent.value.request} /> : null}
    </div>
  )
}

function ResponseBody({ bytes, contentType }: { bytes: Uint8Array; contentType: string | null }) {
  const analysis = useMemo(() => analyseBody(bytes, contentType, bytes.length), [bytes, contentType])
  if (bytes.length === 0) return <p className="muted small" data-testid="attempt-body">Empty</p>
  return (
    <div data-testid="attempt-body">
      {analysis.prettyJson !== null ? (
        <JsonView text={analysis.prettyJson} />
      ) : analysis.text !== null ? (
        <pre className="code raw">{showControls(analysis.text)}</pre>
      ) : (
        <pre className="code hex">{hexDump(bytes)}</pre>
      )}
    </div>
  )
}

function SentView({ request }: { request: SentRequest }) {
  return (
    <details className="attempt-sent" data-testid="attempt-sent">
      <summary>
        What was sent{request.resigned ? <span className="muted"> · signature recomputed for the edited body</span> : null}
      </summary>
      <code className="raw-query">
        {request.method} {pathWithQuery(request.path, request.query)}
      </code>
      <PairsTable pairs={request.headers} testId="attempt-sent-headers" empty="No headers" />
    </details>
  )
}
