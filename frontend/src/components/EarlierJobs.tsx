// The user's fine-tuning jobs before the one the panel shows: when each ran, what kind it was, how it
// ended, the model it made and how it fared against its base. Read again whenever the shown job changes.

import { useEffect, useState } from "react";

import { ApiError, type Api } from "../api";
import { formatWhen, humanize } from "../format";
import type { FineTuneJob } from "../types";
import { errorMessage } from "../useAction";

interface Props {
  api: Api;
  userId: string;
  /** The job the panel shows (left out of this list), or null. */
  currentId: string | null;
  /** Its status: a job that ends changes what the list says. */
  currentStatus: string | null;
}

function evaluationSummary(job: FineTuneJob): string {
  const evaluation = job.evaluation;
  if (!evaluation) return "–";
  if (evaluation.status !== "succeeded") return humanize(evaluation.status);
  return `won ${evaluation.wins}, lost ${evaluation.losses}, tied ${evaluation.ties}`;
}

export default function EarlierJobs({ api, userId, currentId, currentStatus }: Props) {
  const [jobs, setJobs] = useState<FineTuneJob[] | null>(null);
  const [count, setCount] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    api
      .finetuneJobs(userId)
      .then((answer) => {
        if (stopped) return;
        setJobs(answer.results);
        setCount(answer.count);
        setError(null);
      })
      .catch((caught: unknown) => {
        // A server without the list (404) has nothing more to show; anything else is said.
        if (!stopped) setError(caught instanceof ApiError && caught.status === 404 ? null : errorMessage(caught));
      });
    return () => {
      stopped = true;
    };
  }, [api, userId, currentId, currentStatus]);

  if (error) return <p className="error">Could not load the earlier fine-tuning jobs: {error}</p>;
  const earlier = (jobs ?? []).filter((job) => job.id !== currentId);
  if (earlier.length === 0) return null;
  const more = count - (jobs ?? []).length;

  return (
    <details data-testid="earlier-jobs">
      <summary>Earlier fine-tuning jobs ({earlier.length + more})</summary>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">Model</th>
              <th scope="col">Examples</th>
              <th scope="col">Against its base</th>
            </tr>
          </thead>
          <tbody>
            {earlier.map((job) => (
              <tr key={job.id} data-testid="earlier-job">
                <td>{formatWhen(job.created_at)}</td>
                <td>{job.kind_label}</td>
                <td>
                  <span className={`badge badge-${job.status}`}>{humanize(job.status)}</span>
                  {job.error ? <span className="muted"> {job.error}</span> : null}
                </td>
                <td>{job.model_name ?? "–"}</td>
                <td>{job.num_examples}</td>
                <td>{evaluationSummary(job)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more > 0 ? <p className="muted">And {more} older: the API lists them all (GET /finetune/jobs).</p> : null}
    </details>
  );
}
