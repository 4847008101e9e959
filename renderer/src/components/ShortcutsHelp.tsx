import { useEffect, useRef } from 'react'
import { useAppStore } from '../state/store'

export type Props = Record<string, never>

const SHORTCUTS: [keys: string[], what: string][] = [
  [['↑', '↓'], 'Previous / next request'],
  [['PgUp', 'PgDn'], 'A page up / down'],
  [['Home', 'End'], 'Newest / oldest loaded'],
  [['Enter'], 'Move into the detail pane'],
  [['Esc'], 'Clear the selection; close this list'],
  [['Shift', 'click'], 'Pick a range for bulk replay'],
  [['Ctrl/⌘', 'A'], 'Pick every loaded request'],
  [['?'], 'Show these shortcuts'],
]

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))
}

/** `?` anywhere (outside a text field) lists the keyboard shortcuts; Escape or a click outside closes it. */
export function ShortcutsHelp(_props: Props) {
  const open = useAppStore((s) => s.shortcutsOpen)
  const setOpen = useAppStore((s) => s.setShortcutsOpen)
  const closeRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey && !typing(e.target)) {
        e.preventDefault()
        setOpen(true)
      } else if (e.key === 'Escape' && open) {
        // Capture phase: the list's own Escape (clear selection) must not fire as well.
        e.preventDefault()
        e.stopPropagation()
        setOpen(false)
      }
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [open, setOpen])

  useEffect(() => {
    if (!open) return
    const previous = document.activeElement as HTMLElement | null
    closeRef.current?.focus()
    return () => previous?.focus({ preventScroll: true })
  }, [open])

  if (!open) return null
  return (
    <div className="overlay" role="presentation" onMouseDown={(e) => e.target === e.currentTarget && setOpen(false)}>
      <div className="dialog shortcuts" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" data-testid="shortcuts-help">
        <div className="dialog-head">
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <button ref={closeRef} type="button" className="btn btn-ghost" onClick={() => setOpen(false)} aria-label="Close">
            ×
          </button>
        </div>
        <dl className="shortcut-list">
          {SHORTCUTS.map(([keys, what]) => (
            <div key={what} className="shortcut">
              <dt>
                {keys.map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  )
}
