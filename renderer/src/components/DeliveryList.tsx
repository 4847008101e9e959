import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react'
import type { RowClick } from '../state/replay-slice'
import { useAppStore } from '../state/store'
import { BulkReplayBar } from './BulkReplayBar'
import { DeliveryRow } from './DeliveryRow'
import { PathFilterBar } from './PathFilterBar'
import { RegistrationFilterBar } from './RegistrationFilterBar'

export type Props = {
  /** Enter on a row: move focus into the detail pane. */
  onOpen: () => void
}

const ROW_HEIGHT = 32
/** Start fetching the next page this many rows before the end comes into view. */
const LOAD_AHEAD = 30

export function DeliveryList({ onOpen }: Props) {
  const items = useAppStore((s) => s.items)
  const selectedId = useAppStore((s) => s.selectedId)
  const nextBefore = useAppStore((s) => s.nextBefore)
  const loadingMore = useAppStore((s) => s.loadingMore)
  const select = useAppStore((s) => s.select)
  const picked = useAppStore((s) => s.picked)
  const clickRow = useAppStore((s) => s.clickRow)
  const pickAll = useAppStore((s) => s.pickAll)
  const clearPicked = useAppStore((s) => s.clearPicked)
  const moveSelection = useAppStore((s) => s.moveSelection)
  const loadMore = useAppStore((s) => s.loadMore)
  const scrollRef = useRef<HTMLDivElement>(null)
  const hasMore = nextBefore !== null

  const onSelect = useCallback(
    (id: number, click: RowClick) => {
      clickRow(id, click)
      scrollRef.current?.focus({ preventScroll: true })
    },
    [clickRow],
  )

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: items.length + (hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => items[index]?.id ?? 'more',
  })
  const virtualItems = virtualizer.getVirtualItems()
  const lastIndex = virtualItems[virtualItems.length - 1]?.index ?? -1

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= items.length - LOAD_AHEAD) void loadMore()
  }, [hasMore, loadingMore, lastIndex, items.length, loadMore])

  // Arrow keys work straight away unless something else already has focus.
  useEffect(() => {
    if (document.activeElement === document.body) scrollRef.current?.focus({ preventScroll: true })
  }, [])

  // New deliveries are prepended: a reader scrolled down keeps looking at the same rows.
  // The scroll offset is tracked from scroll events: reading scrollTop here would force a layout on every batch.
  const firstIdRef = useRef<number | null>(null)
  const scrolledRef = useRef(false)
  useLayoutEffect(() => {
    const el = scrollRef.current
    const previousFirst = firstIdRef.current
    firstIdRef.current = items[0]?.id ?? null
    if (!el || previousFirst === null || !scrolledRef.current) return
    const shift = items.findIndex((d) => d.id === previousFirst)
    if (shift > 0) el.scrollTop += shift * ROW_HEIGHT
  }, [items])

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 320) / ROW_HEIGHT) - 1)
    const moves: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: page,
      PageUp: -page,
      Home: -Infinity,
      End: Infinity,
    }
    const delta = moves[e.key]
    if (delta !== undefined) {
      e.preventDefault()
      // Scroll only on keyboard moves: a selected row pushed down by new arrivals should not drag the view.
      const index = moveSelection(Number.isFinite(delta) ? delta : delta > 0 ? items.length : -items.length)
      if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' })
    } else if (e.key === 'Enter' && selectedId !== null) {
      e.preventDefault()
      onOpen()
    } else if (e.key.toLowerCase() === 'a' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      void pickAll()
    } else if (e.key === 'Escape' && picked.size > 1) {
      e.preventDefault()
      clearPicked()
    } else if (e.key === 'Escape' && selectedId !== null) {
      e.preventDefault()
      select(null)
    }
  }

  return (
    <div className="list-pane">
      <BulkReplayBar />
      <RegistrationFilterBar />
      <PathFilterBar />
      <div className="list-head" aria-hidden="true">
        <span>Method</span>
        <span>Path</span>
        <span />
        <span className="num">Size</span>
        <span className="num">Time</span>
      </div>
      <div
        ref={scrollRef}
        className="list-scroll"
        role="listbox"
        aria-label="Captured requests, newest first"
        tabIndex={0}
        aria-activedescendant={selectedId !== null ? `delivery-${selectedId}` : undefined}
        onKeyDown={onKeyDown}
        onScroll={(e) => {
          scrolledRef.current = e.currentTarget.scrollTop > 0
        }}
        data-testid="delivery-list"
      >
        <div className="list-inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualItems.map((v) => {
            const d = items[v.index]
            if (!d) {
              return (
                <div key={v.key} className="row row-more" style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}>
                  {loadingMore ? 'Loading older requests…' : 'Scroll for older requests'}
                </div>
              )
            }
            return (
              <DeliveryRow
                key={v.key}
                delivery={d}
                selected={d.id === selectedId}
                picked={picked.size > 1 && picked.has(d.id)}
                top={v.start}
                height={ROW_HEIGHT}
                onSelect={onSelect}
              />
            )
          })}
        </div>
      </div>
    </div>
  )
}
