// The watched run's progress: the bar, the counts so far, the time, and a way to stop it. It stays,
// full, once the run has finished, above the results.

import { formatDuration, remainingSeconds } from "../format";
import { isRunFinished, type RunSummary } from "../types";

interface Props {
  run: RunSummary;
  onCancel: () => void;
  cancelling: boolean;
  pollError: string | null;
}

export default function RunProgress({ run, onCancel, cancelling, pollError }: Props) {
  const { completed, total } = run.progress;
  const percent = total ? Math.floor((completed / total) * 100) : 0;
  const eta = remainingSeconds(run);
  const finished = isRunFinished(run);
  return (
    <section className="card" aria-labelledby="progress-heading">
      <h2 id="progress-heading">{finished ? "Progress" : "Training in progress"}</h2>
      <div
        className="progress"
        role="progressbar"
        aria-label="Training progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={completed}
        aria-valuetext={`${completed} of ${total} examples`}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="progress-numbers" aria-live="polite" data-testid="progress-text">
        <strong>
          {completed} / {total}
        </strong>{" "}
        examples ({percent}%)
        {run.status === "queued" ? " — waiting for a worker…" : ""}
      </p>
      <dl className="facts">
        <div>
          <dt>{finished ? "Kept" : "Kept so far"}</dt>
          <dd data-testid="kept-so-far">{run.successful}</dd>
        </div>
        <div>
          <dt>{finished ? "Failed" : "Failed so far"}</dt>
          <dd data-testid="failed-so-far">{run.failed}</dd>
        </div>
        <div>
          <dt>{finished ? "Total time" : "Elapsed"}</dt>
          <dd>{formatDuration(run.total_time)}</dd>
        </div>
        {finished ? null : (
          <div>
            <dt>Time left</dt>
            <dd>{eta === null ? "estimating…" : `about ${formatDuration(eta)}`}</dd>
          </div>
        )}
      </dl>
      {pollError && !finished ? (
        <p className="warning" role="status">
          {pollError} Retrying…
        </p>
      ) : null}
      {finished ? null : (
        <button type="button" className="secondary" onClick={onCancel} disabled={cancelling}>
          {cancelling ? "Cancelling…" : "Cancel run"}
        </button>
      )}
    </section>
  );
}
