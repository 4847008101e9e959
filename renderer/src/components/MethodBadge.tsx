const KNOWN = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'])

export type Props = { method: string }

export function MethodBadge({ method }: Props) {
  const upper = method.toUpperCase()
  const tone = KNOWN.has(upper) ? upper.toLowerCase() : 'other'
  return (
    <span className={`method method-${tone}`} title={method}>
      {method || '—'}
    </span>
  )
}
