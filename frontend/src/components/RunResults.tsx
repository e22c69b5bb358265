// A finished run: how many were kept, how good, how long, which genres, which models, why some failed.

import type { Api } from "../api";
import { FAILURE_LABELS, formatDuration, formatPercent, formatQuality, humanize } from "../format";
import type { RunSummary } from "../types";
import GenreChart from "./GenreChart";
import RunQuality from "./RunQuality";

interface Props {
  run: RunSummary;
  genreLabels: Record<string, string>;
  /** With these, the run's quality histogram is read from its examples. */
  quality?: { api: Api; userId: string; threshold: number };
}

const STATUS_TEXT: Record<string, string> = {
  succeeded: "Finished",
  cancelled: "Cancelled",
  failed: "Failed",
};

export default function RunResults({ run, genreLabels, quality }: Props) {
  const models = Object.entries(run.model_performance).sort((a, b) => b[1].wins - a[1].wins);
  const failures = Object.entries(run.failures).filter(([, count]) => count > 0);
  return (
    <section className="card" aria-labelledby="results-heading" data-testid="results">
      <h2 id="results-heading">
        Results <span className={`badge badge-${run.status}`}>{STATUS_TEXT[run.status] ?? run.status}</span>
      </h2>
      {run.error ? (
        <p className="error" role="alert">
          {run.error}
        </p>
      ) : null}
      <dl className="facts">
        <div>
          <dt>Success rate</dt>
          <dd data-testid="success-rate">{formatPercent(run.successful, run.total_requested)}</dd>
        </div>
        <div>
          <dt>Kept</dt>
          <dd>
            {run.successful} of {run.total_requested}
          </dd>
        </div>
        <div>
          <dt>Average quality</dt>
          <dd data-testid="average-quality">{formatQuality(run.average_quality)}</dd>
        </div>
        <div>
          <dt>Total time</dt>
          <dd>{formatDuration(run.total_time)}</dd>
        </div>
      </dl>
      {run.stored_in_memory ? <p className="muted">The kept examples were also stored in RAG memory.</p> : null}

      {quality ? (
        <RunQuality api={quality.api} userId={quality.userId} threshold={quality.threshold} runId={run.id} refreshKey={run.status} />
      ) : null}

      <GenreChart distribution={run.genre_distribution} labels={genreLabels} />

      <h3>Model wins</h3>
      {models.length ? (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Which ensemble member wrote each kept example</caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Wins</th>
                <th scope="col">Average quality</th>
              </tr>
            </thead>
            <tbody>
              {models.map(([model, performance]) => (
                <tr key={model}>
                  <th scope="row">{model}</th>
                  <td>{performance.wins}</td>
                  <td>{formatQuality(performance.average_quality)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No model won an example in this run.</p>
      )}

      <h3>Failures</h3>
      {failures.length ? (
        <ul className="failures" data-testid="failures">
          {failures.map(([reason, count]) => (
            <li key={reason}>
              {FAILURE_LABELS[reason] ?? humanize(reason)}: <strong>{count}</strong>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">None: every example was kept.</p>
      )}
    </section>
  );
}
