import type { ForwardResult } from '../../../shared/types'

export type Props = {
  result: ForwardResult
  /** Shown before the outcome, e.g. "→" in the list. */
  prefix?: string
  testId?: string
}

export function attemptTone({ status, error }: ForwardResult): 'ok' | 'redirect' | 'fail' {
  if (error !== null || status === null || status >= 400) return 'fail'
  return status >= 300 ? 'redirect' : 'ok'
}

/** An attempt's outcome as a small coloured tag: the status code, or "error" with the reason as a tooltip. */
export function AttemptStatus({ result, prefix, testId }: Props) {
  const tone = attemptTone(result)
  const label = result.status !== null ? String(result.status) : 'error'
  const title = result.error ?? (result.status !== null ? `answered ${result.status}` : undefined)
  return (
    <span className={`attempt-status attempt-${tone}`} title={title} data-testid={testId}>
      {prefix ? <span className="attempt-prefix">{prefix}</span> : null}
      {label}
    </span>
  )
}
