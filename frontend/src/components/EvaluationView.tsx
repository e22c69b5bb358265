// Did the custom model help? Its base and it wrote the same held-out prompts; here are the wins, the
// mean scores and pass rates, and the answers side by side.

import { formatPercent, humanize } from "../format";
import type { EvaluationSide, FineTuneEvaluation } from "../types";

interface Props {
  evaluation: FineTuneEvaluation;
}

const WINNER: Record<string, string> = { custom: "Custom model", base: "Base model", tie: "Tie" };

function score(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : value.toFixed(1);
}

function rate(side: EvaluationSide): string {
  return side.pass_rate === null || side.pass_rate === undefined ? "–" : `${Math.round(side.pass_rate * 100)}%`;
}

export default function EvaluationView({ evaluation }: Props) {
  const finished = ["succeeded", "failed", "cancelled"].includes(evaluation.status);
  const decided = evaluation.wins + evaluation.losses + evaluation.ties;
  return (
    <div className="evaluation" data-testid="evaluation">
      <h3>
        Evaluation against the base model{" "}
        <span className={`badge badge-${evaluation.status}`}>{humanize(evaluation.status)}</span>
      </h3>
      {!finished ? (
        <p role="status">
          Comparing: {evaluation.completed} of {evaluation.n} prompts done…
        </p>
      ) : null}
      {evaluation.error ? (
        <p className="error" data-testid="evaluation-error">
          {evaluation.error}
        </p>
      ) : null}
      <p data-testid="evaluation-summary">
        On {evaluation.n} held-out prompts the custom model won <strong>{evaluation.wins}</strong>, lost{" "}
        <strong>{evaluation.losses}</strong> and tied <strong>{evaluation.ties}</strong>
        {decided ? ` (won ${formatPercent(evaluation.wins, decided)})` : ""}.
        {evaluation.jury.length ? ` Compared blind by ${evaluation.jury.join(", ")}.` : " Compared on the quality score."}
      </p>
      <div className="table-scroll">
        <table className="compact" data-testid="evaluation-sides">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Mean score</th>
              <th scope="col">Pass rate (≥ {evaluation.quality_threshold.toFixed(1)})</th>
              <th scope="col">Answered</th>
            </tr>
          </thead>
          <tbody>
            {(["custom", "base"] as const).map((key) => (
              <tr key={key}>
                <th scope="row">
                  {key === "custom" ? "Custom" : "Base"}: {evaluation[key].model}
                </th>
                <td>{score(evaluation[key].mean_score)}</td>
                <td>{rate(evaluation[key])}</td>
                <td>{evaluation[key].answered}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {evaluation.samples.length ? (
        <details>
          <summary>Side-by-side answers ({evaluation.samples.length})</summary>
          <ol className="samples">
            {evaluation.samples.map((sample) => (
              <li key={sample.index} data-testid="evaluation-sample">
                <p>
                  <strong>{sample.prompt}</strong> <span className="muted">({humanize(sample.genre)}{sample.style_modifier ? `, ${sample.style_modifier}` : ""})</span>
                  {" — "}
                  {sample.winner ? WINNER[sample.winner] : humanize(sample.status)}
                </p>
                {sample.error ? <p className="error">{sample.error}</p> : null}
                <div className="side-by-side">
                  <div>
                    <h4>Custom · {score(sample.custom_score)}</h4>
                    <div className="story">{sample.custom_text || "–"}</div>
                  </div>
                  <div>
                    <h4>Base · {score(sample.base_score)}</h4>
                    <div className="story">{sample.base_text || "–"}</div>
                  </div>
                </div>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </div>
  );
}
