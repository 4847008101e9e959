import { useEffect, useState, type KeyboardEvent } from 'react'
import type { BulkJob } from '../../../shared/types'
import { rememberedTarget, rememberTarget } from '../lib/replay-form'
import { useAppStore } from '../state/store'

export type Props = Record<string, never>

/**
 * Above the list: pick all, and replay the picked deliveries to one target as a job, with its
 * progress. Shift-click picks a range, Ctrl/Cmd-click one more, Ctrl/Cmd+A all in the list.
 */
export function BulkReplayBar(_props: Props) {
  const pickedCount = useAppStore((s) => s.picked.size)
  const listed = useAppStore((s) => s.items.length)
  // More than the loaded rows: "select all" fetches the rest of the filter's ids.
  const hasMore = useAppStore((s) => s.nextBefore !== null)
  const filtered = useAppStore((s) => s.registrationFilter !== null || Boolean(s.listFilter?.pathPrefix))
  const total = useAppStore((s) => s.total)
  const job = useAppStore((s) => s.job)
  const jobError = useAppStore((s) => s.jobError)
  const pickAll = useAppStore((s) => s.pickAll)
  const clearPicked = useAppStore((s) => s.clearPicked)
  const startJob = useAppStore((s) => s.startJob)
  const cancelJob = useAppStore((s) => s.cancelJob)
  const dismissJob = useAppStore((s) => s.dismissJob)
  const loadJobs = useAppStore((s) => s.loadJobs)
  const [target, setTarget] = useState(rememberedTarget)
  const [concurrency, setConcurrency] = useState(1)
  const [starting, setStarting] = useState(false)

  useEffect(() => {
    void loadJobs()
  }, [loadJobs])

  const running = job?.state === 'running'
  const start = async (): Promise<void> => {
    if (starting || running || pickedCount === 0) return
    setStarting(true)
    await startJob(target.trim(), concurrency)
    rememberTarget(target.trim())
    setStarting(false)
  }
  const onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Enter') {
      e.preventDefault()
      void start()
    }
  }

  const picking = pickedCount >= 2
  return (
    <div className="bulk-bar" data-testid="bulk-bar">
      <div className="bulk-row">
        {picking ? (
          <>
            <span className="bulk-count" data-testid="bulk-picked">
              {pickedCount.toLocaleString()} selected
            </span>
            <button type="button" className="btn btn-ghost" onClick={clearPicked}>
              Clear
            </button>
          </>
        ) : (
          <span className="hint">Shift/Ctrl-click to select several</span>
        )}
        {pickedCount < listed || (hasMore && pickedCount <= listed) ? (
          <button
            type="button"
            className="btn btn-ghost"
            data-testid="bulk-select-all"
            title="Select every request in the list, loaded or not (Ctrl/Cmd+A)"
            onClick={() => void pickAll()}
          >
            {!hasMore ? `Select all ${listed.toLocaleString()}` : filtered ? 'Select all in this filter' : `Select all ${total.toLocaleString()}`}
          </button>
        ) : null}
      </div>
      {picking ? (
        <div className="bulk-row">
          <input
            className="input mono bulk-target"
            inputMode="url"
            value={target}
            aria-label="Bulk replay target URL"
            spellCheck={false}
            data-testid="bulk-target"
            onChange={(e) => setTarget(e.target.value)}
            onKeyDown={onKey}
          />
          <label className="bulk-concurrency" title="1 replays one at a time, in arrival order">
            <span className="label">Parallel</span>
            <input
              className="input mono"
              type="number"
              min={1}
              max={16}
              value={concurrency}
              data-testid="bulk-concurrency"
              onChange={(e) => setConcurrency(Math.max(1, Math.min(16, Math.floor(Number(e.target.value)) || 1)))}
              onKeyDown={onKey}
            />
          </label>
          <button type="button" className="btn btn-primary" data-testid="bulk-start" disabled={starting || running} onClick={() => void start()}>
            Replay {pickedCount.toLocaleString()}
          </button>
        </div>
      ) : null}
      {jobError ? (
        <p className="alert alert-error bulk-error" role="alert" data-testid="bulk-error">
          {jobError}
        </p>
      ) : null}
      {job ? <JobProgress job={job} onCancel={() => void cancelJob()} onDismiss={dismissJob} /> : null}
    </div>
  )
}

type JobProps = { job: BulkJob; onCancel: () => void; onDismiss: () => void }

function JobProgress({ job, onCancel, onDismiss }: JobProps) {
  const pct = (n: number): string => `${job.total === 0 ? 0 : (n / job.total) * 100}%`
  const label = job.state === 'running' ? 'Replaying' : job.state === 'done' ? 'Done' : 'Cancelled'
  return (
    <div className="bulk-row bulk-job" data-testid="bulk-job" data-state={job.state}>
      <div
        className="progress"
        role="progressbar"
        aria-label={`Bulk replay to ${job.target}`}
        aria-valuemin={0}
        aria-valuemax={job.total}
        aria-valuenow={job.done}
        data-testid="bulk-progress"
      >
        <span className="progress-ok" style={{ width: pct(job.ok) }} />
        <span className="progress-failed" style={{ width: pct(job.failed) }} />
      </div>
      <span className="bulk-counts" data-testid="bulk-counts" title={job.target}>
        {label} {job.done.toLocaleString()}/{job.total.toLocaleString()} · <span className="text-ok">{job.ok.toLocaleString()} ok</span> ·{' '}
        <span className={job.failed > 0 ? 'text-fail' : undefined}>{job.failed.toLocaleString()} failed</span>
      </span>
      {job.state === 'running' ? (
        <button type="button" className="btn" data-testid="bulk-cancel" onClick={onCancel}>
          Cancel
        </button>
      ) : (
        <button type="button" className="btn btn-ghost" aria-label="Dismiss" data-testid="bulk-dismiss" onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  )
}
