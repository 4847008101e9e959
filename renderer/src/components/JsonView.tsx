import { useMemo, type ReactNode } from 'react'

export type Props = { text: string }

/** Colouring thousands of tokens costs more than it helps past this size: plain text then. */
const HIGHLIGHT_LIMIT = 200 * 1024
const TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g

/** Pretty JSON as React text nodes only: captured data never reaches innerHTML. */
export function JsonView({ text }: Props) {
  const nodes = useMemo(() => (text.length > HIGHLIGHT_LIMIT ? [text] : highlight(text)), [text])
  return <pre className="code json">{nodes}</pre>
}

function highlight(text: string): ReactNode[] {
  const out: ReactNode[] = []
  let last = 0
  let key = 0
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index
    if (at > last) out.push(text.slice(last, at))
    const [whole, str, colon, num, word] = m
    if (str !== undefined) {
      out.push(
        <span key={key++} className={colon ? 'j-key' : 'j-str'}>
          {str}
        </span>,
      )
      if (colon) out.push(colon)
    } else if (num !== undefined) {
      out.push(
        <span key={key++} className="j-num">
          {num}
        </span>,
      )
    } else if (word !== undefined) {
      out.push(
        <span key={key++} className="j-lit">
          {word}
        </span>,
      )
    }
    last = at + whole.length
  }
  if (last < text.length) out.push(text.slice(last))
  return out
}
