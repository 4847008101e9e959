import { useMemo } from 'react'
import { parseQuery } from '../lib/query'
import { PairsTable } from './PairsTable'

export type Props = { query: string }

export function QuerySection({ query }: Props) {
  const pairs = useMemo(() => parseQuery(query), [query])
  return (
    <section className="section">
      <div className="section-head">
        <h3 className="section-title">
          Query <span className="muted">{pairs.length}</span>
        </h3>
      </div>
      <code className="raw-query" data-testid="raw-query">
        ?{query}
      </code>
      <PairsTable pairs={pairs} testId="query-table" empty="No parameters" />
    </section>
  )
}
