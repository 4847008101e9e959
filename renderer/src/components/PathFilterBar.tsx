import { useAppStore } from '../state/store'

export type Props = Record<string, never>

/** Shown above the list while it is narrowed to a path prefix (a grouped notification's click). */
export function PathFilterBar(_props: Props) {
  const prefix = useAppStore((s) => s.listFilter?.pathPrefix ?? null)
  const clear = useAppStore((s) => s.clearListFilter)
  if (!prefix) return null
  return (
    <div className="filter-bar" data-testid="path-filter">
      <span>
        Only deliveries under <code>{prefix}</code>
      </span>
      <button type="button" className="btn btn-ghost small" onClick={() => clear()}>
        Show all
      </button>
    </div>
  )
}
