// The fine-tuning readiness indicator: how far the user is from the next training, the custom model if
// there is one, a button to start fine-tuning when ready, and the job's status after.

import { useEffect, useState } from "react";

import { ApiError, type Api } from "../api";
import { humanize } from "../format";
import { isJobFinished, isRunFinished, type FineTuneJobBrief, type RunSummary, type UserStats } from "../types";

interface Props {
  api: Api;
  userId: string;
  stats: UserStats | null;
  run: RunSummary | null;
  pollIntervalMs: number;
  /** A job finished or started: the stats (custom model, readiness) changed. */
  onChanged: () => void;
}

export default function FineTunePanel({ api, userId, stats, run, pollIntervalMs, onChanged }: Props) {
  const [startedJob, setStartedJob] = useState<FineTuneJobBrief | null>(null);
  const [polledJob, setPolledJob] = useState<FineTuneJobBrief | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The newest job we know of: one started here, else one the run auto-triggered, else the last one.
  const known = startedJob ?? run?.finetune_job ?? stats?.last_finetune ?? null;
  const job = known && polledJob && polledJob.id === known.id ? polledJob : known;
  const jobActive = job !== null && !isJobFinished(job);

  const jobId = job?.id ?? null;
  const jobStatus = job?.status ?? null;
  const [retries, setRetries] = useState(0);

  useEffect(() => {
    if (!jobId || !jobStatus || isJobFinished({ status: jobStatus })) return;
    let stopped = false;
    const timer = window.setTimeout(async () => {
      try {
        const next = await api.finetuneJob(jobId);
        if (stopped) return;
        setPolledJob(next);
        if (next.status === jobStatus) setRetries((n) => n + 1);
        if (isJobFinished(next)) onChanged();
      } catch (caught) {
        if (stopped) return;
        if (caught instanceof ApiError && caught.status === 404) {
          // This server cannot report on the job: stop asking, say so.
          setError("This server does not report on fine-tuning jobs.");
        } else {
          setRetries((n) => n + 1);
        }
      }
    }, pollIntervalMs);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [api, jobId, jobStatus, retries, pollIntervalMs, onChanged]);

  // While a run goes, each poll of it carries the user's current numbers; otherwise the stats do.
  const live = run && !isRunFinished(run) ? run : null;
  const trainingExamples =
    live?.training_stats.training_examples ?? stats?.training_examples ?? run?.training_stats.training_examples;
  const until =
    live?.training_stats.examples_until_next_training ??
    stats?.examples_until_next_training ??
    run?.training_stats.examples_until_next_training;
  const ready = live?.ready_for_finetuning ?? stats?.ready_for_finetuning ?? run?.ready_for_finetuning ?? false;
  const customModel =
    stats?.custom_model ?? (job?.status === "succeeded" ? (job.model_name ?? null) : null);

  async function start() {
    setStarting(true);
    setError(null);
    try {
      const created = await api.startFinetune(userId);
      setStartedJob(created);
      setPolledJob(created);
      onChanged();
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 404) {
        setError("Fine-tuning is not available on this server yet.");
      } else {
        setError(caught instanceof Error ? caught.message : String(caught));
      }
    } finally {
      setStarting(false);
    }
  }

  if (trainingExamples === undefined && until === undefined && !job) return null;

  return (
    <section className="card" aria-labelledby="finetune-heading" data-testid="finetune">
      <h2 id="finetune-heading">Your model</h2>
      <p className={ready ? "ready" : "not-ready"} data-testid="readiness">
        {ready ? (
          <strong>Ready for fine-tuning.</strong>
        ) : (
          <>
            <strong>{until ?? "–"}</strong> more kept examples until the next fine-tuning.
          </>
        )}
      </p>
      <dl className="facts">
        <div>
          <dt>Kept training examples</dt>
          <dd data-testid="training-examples">{trainingExamples ?? "–"}</dd>
        </div>
        <div>
          <dt>Custom model</dt>
          <dd data-testid="custom-model">{customModel ?? "none yet"}</dd>
        </div>
      </dl>
      {job ? (
        <p role="status" data-testid="finetune-status">
          Fine-tuning job: <span className={`badge badge-${job.status}`}>{humanize(job.status)}</span>
          {job.status === "succeeded" && job.model_name ? ` — model ${job.model_name}` : ""}
        </p>
      ) : null}
      {ready && !jobActive ? (
        <button type="button" onClick={start} disabled={starting}>
          {starting ? "Starting fine-tuning…" : "Start fine-tuning"}
        </button>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
