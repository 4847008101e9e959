// Small display helpers shared by the list and the detail pane. Sizes use binary units, like the limits.

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${trim(bytes / 1024)} KiB`
  if (bytes < 1024 * 1024 * 1024) return `${trim(bytes / (1024 * 1024))} MiB`
  return `${trim(bytes / (1024 * 1024 * 1024))} GiB`
}

function trim(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2).replace(/\.?0+$/, '')
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/** Clock time for the list; the date is added only when it isn't today, to keep rows narrow. */
export function formatListTime(ms: number, now = Date.now()): string {
  const d = new Date(ms)
  const clock = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  if (new Date(now).toDateString() === d.toDateString()) return clock
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clock}`
}

export function formatFullTime(ms: number): string {
  const d = new Date(ms)
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  const clock = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
  return `${date} ${clock}`
}

export function pathWithQuery(path: string, query: string): string {
  return query ? `${path}?${query}` : path
}

/** Same base URL whether or not the receiver URL carries a trailing slash. */
export function joinUrl(base: string, pathAndQuery: string): string {
  return base.replace(/\/+$/, '') + (pathAndQuery.startsWith('/') ? pathAndQuery : `/${pathAndQuery}`)
}
