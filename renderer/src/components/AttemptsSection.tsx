import { useEffect, useState } from 'react'
import type { Attempt } from '../../../shared/types'
import { formatListTime } from '../lib/format'
import { useAppStore } from '../state/store'
import { AttemptStatus } from './AttemptStatus'
import { AttemptViewer } from './AttemptViewer'

export type Props = { deliveryId: number }

/** Every replay and forward of the delivery, newest first, each opening onto the target's answer. */
export function AttemptsSection({ deliveryId }: Props) {
  const attempts = useAppStore((s) => (s.attempts?.deliveryId === deliveryId ? s.attempts : null))
  const openAttemptId = useAppStore((s) => s.openAttemptId)
  const loadAttempts = useAppStore((s) => s.loadAttempts)
  // Rows the user flipped; the attempt just made starts open without a click (XOR below).
  const [flipped, setFlipped] = useState<ReadonlySet<number>>(new Set())

  useEffect(() => {
    void loadAttempts(deliveryId)
  }, [deliveryId, loadAttempts])

  const items = attempts?.items ?? []
  const isOpen = (a: Attempt): boolean => flipped.has(a.id) !== (a.id === openAttemptId)
  const flip = (id: number): void => {
    const next = new Set(flipped)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    setFlipped(next)
  }

  return (
    <section className="section" data-testid="attempts-section">
      <div className="section-head">
        <h3 className="section-title">
          Attempts <span className="muted">{items.length}</span>
        </h3>
      </div>
      {attempts?.error ? (
        <p className="note warn" role="alert">
          {attempts.error}
        </p>
      ) : null}
      {items.length === 0 ? (
        <p className="muted small" data-testid="attempts-empty">
          {attempts?.loading ? 'Loading…' : 'Not replayed or forwarded yet.'}
        </p>
      ) : (
        <ul className="attempts" data-testid="attempts-list">
          {items.map((a) => (
            <li key={a.id} className="attempt">
              <button
                type="button"
                className="attempt-row"
                aria-expanded={isOpen(a)}
                data-testid="attempt-row"
                data-attempt-id={a.id}
                data-status={a.status ?? ''}
                onClick={() => flip(a.id)}
              >
                <span className="attempt-caret" aria-hidden="true">
                  {isOpen(a) ? '▾' : '▸'}
                </span>
                <AttemptStatus result={a} testId="attempt-status" />
                <span className={`attempt-kind kind-${a.kind}`}>{a.kind}</span>
                {a.edited ? <span className="attempt-kind kind-edited">edited</span> : null}
                <span className="attempt-target" title={a.target}>
                  {a.target}
                </span>
                {a.error ? (
                  <span className="attempt-error-text" title={a.error}>
                    {a.error}
                  </span>
                ) : null}
                <span className="attempt-duration">{a.durationMs} ms</span>
                <span className="attempt-time">{formatListTime(a.createdAt)}</span>
              </button>
              {isOpen(a) ? <AttemptViewer attempt={a} /> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
