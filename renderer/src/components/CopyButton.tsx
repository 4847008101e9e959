import { useEffect, useState } from 'react'
import { copyText } from '../lib/clipboard'

export type Props = {
  /** The text, or a function computing it at click time (a curl command is not built until asked). */
  text: string | (() => string)
  label: string
  title?: string
  className?: string
}

export function CopyButton({ text, label, title, className }: Props) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')

  useEffect(() => {
    if (state === 'idle') return
    const timer = setTimeout(() => setState('idle'), 1400)
    return () => clearTimeout(timer)
  }, [state])

  const onClick = (): void => {
    const value = typeof text === 'function' ? text() : text
    copyText(value).then(
      () => setState('copied'),
      () => setState('failed'),
    )
  }

  return (
    <button
      type="button"
      className={`btn btn-copy ${state !== 'idle' ? `is-${state}` : ''} ${className ?? ''}`}
      title={title ?? `Copy ${label}`}
      onClick={onClick}
    >
      <CopyIcon />
      <span>{state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}</span>
    </button>
  )
}

function CopyIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
      <rect x="5" y="5" width="9" height="9" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M11 3.5V3a1 1 0 0 0-1-1H3a1 1 0 0 0-1 1v7a1 1 0 0 0 1 1h.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  )
}
