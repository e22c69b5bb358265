// The fine-tuning readiness indicator: how far the user is from the next training, the custom model if
// there is one, a button to start fine-tuning when ready, and the job after: its status, read in full
// (FineTuneDetails) and followed until it and its evaluation have finished.

import { useEffect, useState } from "react";

import { ApiError, type Api } from "../api";
import { humanize } from "../format";
import {
  isJobFinished,
  isRunFinished,
  type FineTuneJob,
  type FineTuneJobBrief,
  type RunSummary,
  type UserStats,
} from "../types";
import EarlierJobs from "./EarlierJobs";
import FineTuneDetails from "./FineTuneDetails";
import { errorMessage } from "../useAction";

interface Props {
  api: Api;
  userId: string;
  stats: UserStats | null;
  run: RunSummary | null;
  pollIntervalMs: number;
  /** A job finished or started: the stats (custom model, readiness) changed. */
  onChanged: () => void;
}

// After a job succeeds its evaluation may be queued a moment later: a job that has just finished is read
// a few more times for it.
const EVALUATION_FOLLOW_UPS = 15;
const JUST_FINISHED_MS = 2 * 60 * 1000;

function justFinished(job: FineTuneJob): boolean {
  const finished = job.finished_at ? Date.parse(job.finished_at) : NaN;
  return Number.isNaN(finished) || Date.now() - finished < JUST_FINISHED_MS;
}

function evaluationActive(job: FineTuneJob): boolean {
  return Boolean(job.evaluation) && !["succeeded", "failed", "cancelled"].includes(job.evaluation!.status);
}

/** Whether the job should be read (again): never read in full yet, still going, or its evaluation is. */
function wantsRead(job: FineTuneJobBrief, full: FineTuneJob | null, followUps: number): boolean {
  if (!full) return true;
  if (!isJobFinished(full) || evaluationActive(full)) return true;
  // A server that knows about evaluations says `evaluation: null` until one exists.
  return (
    full.status === "succeeded" &&
    full.evaluation === null &&
    justFinished(full) &&
    followUps < EVALUATION_FOLLOW_UPS &&
    job.id === full.id
  );
}

export default function FineTunePanel({ api, userId, stats, run, pollIntervalMs, onChanged }: Props) {
  const [startedJob, setStartedJob] = useState<FineTuneJob | null>(null);
  const [polledJob, setPolledJob] = useState<FineTuneJob | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [evaluating, setEvaluating] = useState(false);
  const [evaluateError, setEvaluateError] = useState<string | null>(null);

  // The newest job we know of: one started here, else one the run auto-triggered, else the last one.
  const known: FineTuneJobBrief | null = startedJob ?? run?.finetune_job ?? stats?.last_finetune ?? null;
  const full = known && polledJob && polledJob.id === known.id ? polledJob : null;
  const job = full ?? known;
  const jobActive = job !== null && !isJobFinished(job);

  const jobId = job?.id ?? null;
  const [reads, setReads] = useState(0);
  const [followUps, setFollowUps] = useState(0);
  const [unreportable, setUnreportable] = useState(false);
  const statusBefore = job?.status ?? null;
  const shouldRead = known !== null && !unreportable && wantsRead(known, full, followUps);

  useEffect(() => {
    if (!jobId || !shouldRead) return;
    let stopped = false;
    const timer = window.setTimeout(async () => {
      try {
        const next = await api.finetuneJob(jobId);
        if (stopped) return;
        setPolledJob(next);
        if (isJobFinished(next) && statusBefore !== null && !isJobFinished({ status: statusBefore })) onChanged();
        if (next.status === "succeeded" && next.evaluation === null) setFollowUps((n) => n + 1);
        setReads((n) => n + 1);
      } catch (caught) {
        if (stopped) return;
        if (caught instanceof ApiError && caught.status === 404) {
          // This server cannot report on the job: stop asking, say so.
          setUnreportable(true);
          setError("This server does not report on fine-tuning jobs.");
        } else {
          setReads((n) => n + 1);
        }
      }
    }, pollIntervalMs);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [api, jobId, statusBefore, shouldRead, reads, pollIntervalMs, onChanged]);

  async function evaluate() {
    if (!jobId) return;
    setEvaluating(true);
    setEvaluateError(null);
    try {
      await api.evaluateJob(jobId);
      setPolledJob(await api.finetuneJob(jobId));
      setFollowUps(0);
      setReads((n) => n + 1);
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 404) {
        setEvaluateError("Evaluation is not available on this server yet.");
      } else {
        setEvaluateError(errorMessage(caught));
      }
    } finally {
      setEvaluating(false);
    }
  }

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
      setFollowUps(0);
      setStartedJob(created);
      setPolledJob(created);
      setUnreportable(false);
      onChanged();
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 404) {
        setError("Fine-tuning is not available on this server yet.");
      } else {
        setError(errorMessage(caught));
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
      {full && (full.kind || full.events) ? (
        <FineTuneDetails job={full} onEvaluate={evaluate} evaluating={evaluating} evaluateError={evaluateError} />
      ) : null}
      {job ? <EarlierJobs api={api} userId={userId} currentId={job.id} currentStatus={job.status} /> : null}
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
