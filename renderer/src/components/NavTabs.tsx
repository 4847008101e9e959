import { useAppStore } from '../state/store'
import type { Page } from '../state/ui-slice'

export type Props = Record<string, never>

/** The pages in the header. A feature adds its page here and in App.tsx. */
export const PAGES: { id: Page; label: string }[] = [
  { id: 'deliveries', label: 'Deliveries' },
  { id: 'connections', label: 'Connections' },
  { id: 'settings', label: 'Settings' },
]

export function NavTabs(_props: Props) {
  const page = useAppStore((s) => s.page)
  const setPage = useAppStore((s) => s.setPage)
  if (PAGES.length < 2) return null
  return (
    <nav className="nav-tabs" role="tablist" aria-label="Pages">
      {PAGES.map((p) => (
        <button
          key={p.id}
          type="button"
          role="tab"
          aria-selected={page === p.id}
          className={page === p.id ? 'nav-tab active' : 'nav-tab'}
          data-testid={`nav-${p.id}`}
          onClick={() => setPage(p.id)}
        >
          {p.label}
        </button>
      ))}
    </nav>
  )
}
