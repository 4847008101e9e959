export type Props = {
  pairs: ReadonlyArray<readonly [string, string]>
  testId: string
  empty: string
  /** Header names are case-insensitive but shown as sent; a dimmed hint helps spot duplicates. */
  markDuplicates?: boolean
}

export function PairsTable({ pairs, testId, empty, markDuplicates }: Props) {
  if (pairs.length === 0) {
    return (
      <p className="muted small" data-testid={testId}>
        {empty}
      </p>
    )
  }
  const seen = new Map<string, number>()
  if (markDuplicates) for (const [name] of pairs) seen.set(name.toLowerCase(), (seen.get(name.toLowerCase()) ?? 0) + 1)
  return (
    <table className="pairs" data-testid={testId}>
      <tbody>
        {pairs.map(([name, value], i) => (
          <tr key={i}>
            <th scope="row" className={markDuplicates && (seen.get(name.toLowerCase()) ?? 0) > 1 ? 'is-dup' : undefined}>
              {name}
            </th>
            <td>{value === '' ? <span className="muted">(empty)</span> : value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
