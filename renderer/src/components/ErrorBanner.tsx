import { useAppStore } from '../state/store'

export type Props = Record<string, never>

export function ErrorBanner(_props: Props) {
  const error = useAppStore((s) => s.error)
  const dismiss = useAppStore((s) => s.dismissError)
  const retry = useAppStore((s) => s.init)
  if (!error) return null
  return (
    <div className="banner banner-error" role="alert" data-testid="error-banner">
      <span>{error}</span>
      <button type="button" className="btn btn-ghost" onClick={() => void retry()}>
        Retry
      </button>
      <button type="button" className="btn btn-ghost" onClick={dismiss} aria-label="Dismiss">
        ×
      </button>
    </div>
  )
}
