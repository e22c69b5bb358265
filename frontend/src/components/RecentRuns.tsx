// The caller's last runs: pick one to see its results, or its live progress if it is still going.

import { formatQuality, formatWhen } from "../format";
import { isRunFinished, type RunSummary } from "../types";

interface Props {
  runs: RunSummary[];
  currentId: string | null;
  onShow: (run: RunSummary) => void;
}

export default function RecentRuns({ runs, currentId, onShow }: Props) {
  return (
    <section className="card" aria-labelledby="recent-heading">
      <h2 id="recent-heading">Recent runs</h2>
      {runs.length === 0 ? (
        <p className="muted">No runs yet.</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="recent-runs">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Status</th>
                <th scope="col">Kept</th>
                <th scope="col" className="wide-only">
                  Quality
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id} aria-current={run.id === currentId ? "true" : undefined}>
                  <td>{formatWhen(run.created_at)}</td>
                  <td>
                    <span className={`badge badge-${run.status}`}>{run.status}</span>
                  </td>
                  <td>
                    {isRunFinished(run)
                      ? `${run.successful} / ${run.total_requested}`
                      : `${run.progress.completed} / ${run.progress.total} done`}
                  </td>
                  <td className="wide-only">{formatQuality(run.average_quality)}</td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      onClick={() => onShow(run)}
                      aria-label={`Show the run started ${formatWhen(run.created_at)}`}
                    >
                      Show
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
