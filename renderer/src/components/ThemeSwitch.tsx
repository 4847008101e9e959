import type { ThemePreference } from '../lib/notify'
import { useAppStore } from '../state/store'

export type Props = Record<string, never>

const OPTIONS: { id: ThemePreference; label: string }[] = [
  { id: 'system', label: 'System' },
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
]

/** Light, dark, or following the system; remembered in this browser (localStorage). */
export function ThemeSwitch(_props: Props) {
  const theme = useAppStore((s) => s.theme)
  const setTheme = useAppStore((s) => s.setTheme)
  return (
    <div className="segmented" role="radiogroup" aria-label="Theme" data-testid="theme-switch">
      {OPTIONS.map((o) => (
        <button
          key={o.id}
          type="button"
          role="radio"
          aria-checked={theme === o.id}
          className={theme === o.id ? 'segment active' : 'segment'}
          data-testid={`theme-${o.id}`}
          onClick={() => setTheme(o.id)}
        >
          {o.label}
        </button>
      ))}
    </div>
  )
}
