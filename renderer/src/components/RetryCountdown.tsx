import { useEffect, useState } from 'react'

export type Props = { at: number }

/** "Trying again in 12 s", counting down; "Trying again…" once the time has come. Key it by `at`. */
export function RetryCountdown({ at }: Props) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000)
    return () => clearInterval(timer)
  }, [at])
  const seconds = Math.ceil((at - now) / 1_000)
  return (
    <span className="retry-note" data-testid="tunnel-retry">
      {seconds > 0 ? `Trying again in ${seconds} s` : 'Trying again…'}
    </span>
  )
}
