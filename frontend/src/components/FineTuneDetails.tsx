// One fine-tuning job in full: what kind of training it is, in words; its settings; what happened
// when; why it failed; the loss and checkpoints of a weights job; and whether it beat its base.

import { formatWhen, humanize } from "../format";
import type { FineTuneJob } from "../types";
import EvaluationView from "./EvaluationView";
import LossCurve from "./LossCurve";

interface Props {
  job: FineTuneJob;
  onEvaluate: () => void;
  evaluating: boolean;
  evaluateError: string | null;
}

const SETTING_LABELS: Record<string, string> = {
  epochs: "Epochs",
  learning_rate_multiplier: "Learning-rate multiplier",
  batch_size: "Batch size",
};

function kindInWords(job: FineTuneJob): string {
  if (job.kind_label) return job.kind_label;
  if (job.kind === "weights") return "weights: the provider trained new weights";
  if (job.kind === "prompt") return "prompt-based: no weights were trained";
  return "unknown";
}

export default function FineTuneDetails({ job, onEvaluate, evaluating, evaluateError }: Props) {
  const settings = Object.entries(job.settings ?? {}).filter(([, value]) => value !== undefined && value !== null);
  const events = job.events ?? [];
  const checkpoints = job.checkpoints ?? [];
  const evaluation = job.evaluation ?? null;
  const evaluationRunning = evaluation !== null && ["pending", "running"].includes(evaluation.status);

  return (
    <div className="finetune-details" data-testid="finetune-details">
      <dl className="pairs">
        <dt>Kind</dt>
        <dd data-testid="finetune-kind">{kindInWords(job)}</dd>
        {job.backend ? (
          <>
            <dt>Backend</dt>
            <dd>{job.backend}</dd>
          </>
        ) : null}
        {job.base_model ? (
          <>
            <dt>Base model</dt>
            <dd>{job.base_model}</dd>
          </>
        ) : null}
        {job.num_examples !== undefined ? (
          <>
            <dt>Examples</dt>
            <dd>
              {job.num_examples}
              {job.validation_examples ? ` (${job.validation_examples} held out for validation)` : ""}
            </dd>
          </>
        ) : null}
        {job.kind === "weights" || settings.length ? (
          <>
            <dt>Settings</dt>
            <dd data-testid="finetune-settings">
              {settings.length
                ? settings.map(([key, value]) => `${SETTING_LABELS[key] ?? humanize(key)}: ${value}`).join(" · ")
                : "the provider's defaults"}
            </dd>
          </>
        ) : null}
        <dt>Started</dt>
        <dd>{formatWhen(job.created_at)}</dd>
        {job.finished_at ? (
          <>
            <dt>Finished</dt>
            <dd>{formatWhen(job.finished_at)}</dd>
          </>
        ) : null}
      </dl>

      {job.status === "failed" ? (
        <div className="error-block" role="alert" data-testid="finetune-error">
          <strong>Why it failed:</strong> {job.error || "the server gave no reason."}
        </div>
      ) : null}

      {events.length ? (
        <details open={job.status === "failed"}>
          <summary>Status history ({events.length})</summary>
          <ol className="events" data-testid="finetune-events">
            {events.map((event, i) => (
              <li key={event.id ?? i} className={`event-${event.level}`}>
                <time dateTime={event.at}>{formatWhen(event.at)}</time> {event.level !== "info" ? `[${event.level}] ` : ""}
                {event.message}
              </li>
            ))}
          </ol>
        </details>
      ) : null}

      {job.kind === "weights" && job.metrics?.length ? <LossCurve metrics={job.metrics} /> : null}

      {checkpoints.length ? (
        <>
          <h3>Checkpoints</h3>
          <div className="table-scroll">
            <table className="compact" data-testid="checkpoints">
              <thead>
                <tr>
                  <th scope="col">Step</th>
                  <th scope="col">Model</th>
                  <th scope="col">Metrics</th>
                </tr>
              </thead>
              <tbody>
                {checkpoints.map((checkpoint) => (
                  <tr key={checkpoint.id}>
                    <td>{checkpoint.step}</td>
                    <td className="wrap">{checkpoint.model}</td>
                    <td>
                      {Object.entries(checkpoint.metrics)
                        .map(([name, value]) => `${humanize(name)} ${value === null ? "–" : value.toFixed(3)}`)
                        .join(", ")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      {evaluation ? (
        <EvaluationView evaluation={evaluation} />
      ) : job.status === "succeeded" ? (
        <p className="muted">Not compared with its base model yet.</p>
      ) : null}
      {job.status === "succeeded" && !evaluationRunning ? (
        <button type="button" className="secondary" onClick={onEvaluate} disabled={evaluating}>
          {evaluating ? "Starting the evaluation…" : evaluation ? "Evaluate again" : "Evaluate against the base model"}
        </button>
      ) : null}
      {evaluateError ? (
        <p className="error" role="alert">
          {evaluateError}
        </p>
      ) : null}
    </div>
  );
}
