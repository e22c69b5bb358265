// One example opened: its text, what it was asked for, how its score was made, what each writer and
// judge thought, why it was rejected, and the owner's say over whether it trains the model.

import { breakdownLabel, formatPoints, formatWhen, humanize, REJECT_REASON_LABELS } from "../format";
import type { Example, ExampleCurationRequest } from "../types";
import ExampleCuration from "./ExampleCuration";

interface Props {
  example: Example;
  genreLabel: string;
  onUpdate: (body: ExampleCurationRequest) => Promise<void>;
}

const MARKS = ["prompt_adherence", "genre_fit", "prose", "completeness"] as const;

/** The breakdown's {factor: points}; the schema cannot say more than "an object". */
function pointsOf(breakdown: unknown): [string, number][] {
  if (!breakdown || typeof breakdown !== "object") return [];
  return Object.entries(breakdown).filter((entry): entry is [string, number] => typeof entry[1] === "number");
}

export default function ExampleDetail({ example, genreLabel, onUpdate }: Props) {
  const breakdown = pointsOf(example.quality_breakdown);
  const votes = Object.entries(example.votes ?? {}).sort((a, b) => b[1] - a[1]);
  const failedWriters = (example.candidates ?? []).filter((candidate) => candidate.error);
  // With a jury, each candidate that passed the heuristics also has the judges' mean mark.
  const juryMarks = Object.fromEntries(
    (example.candidates ?? []).flatMap((candidate) =>
      candidate.judge_score == null ? [] : [[candidate.model, candidate.judge_score] as const],
    ),
  );
  const withJury = Object.keys(juryMarks).length > 0;
  const judgements = Object.entries(example.judgements ?? {});
  const headingId = `example-${example.id}-heading`;

  return (
    <article className="example-detail" aria-labelledby={headingId} data-testid="example-detail">
      <h3 id={headingId}>
        Example {example.index + 1} · {genreLabel}{" "}
        <span className={`badge ${example.kept ? "badge-succeeded" : "badge-failed"}`}>
          {example.kept ? "Kept" : "Rejected"}
        </span>{" "}
        {example.excluded ? <span className="badge badge-excluded">Excluded</span> : null}
      </h3>
      <dl className="pairs">
        <dt>Prompt</dt>
        <dd>{example.prompt}</dd>
        <dt>Style</dt>
        <dd>{example.style_modifier || "–"}</dd>
        <dt>Written by</dt>
        <dd>{example.winning_model || "–"}</dd>
      </dl>

      {!example.kept ? (
        <div className="rejection" data-testid="reject-reason">
          <strong>Why it was rejected:</strong>{" "}
          {REJECT_REASON_LABELS[example.reject_reason ?? ""] ?? humanize(example.reject_reason ?? "unknown")}
          {example.reject_reason === "low_quality" && example.quality_score != null
            ? ` (its score: ${example.quality_score.toFixed(1)})`
            : ""}
          {example.reject_detail ? <p className="reject-detail">{example.reject_detail}</p> : null}
        </div>
      ) : null}

      <h4>Text</h4>
      {example.text ? <div className="story">{example.text}</div> : <p className="muted">No text was kept.</p>}
      {example.raw_text && example.raw_text !== example.text ? (
        <details>
          <summary>The writer's raw answer (before cleaning)</summary>
          <div className="story">{example.raw_text}</div>
        </details>
      ) : null}

      <h4>Score breakdown</h4>
      {breakdown.length ? (
        <table className="compact" data-testid="score-breakdown">
          <tbody>
            {breakdown.map(([key, points]) => (
              <tr key={key} className={points < 0 ? "penalty" : undefined}>
                <th scope="row">{breakdownLabel(key)}</th>
                <td>{formatPoints(key, points)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Quality score</th>
              <td>{example.quality_score == null ? "–" : example.quality_score.toFixed(1)}</td>
            </tr>
          </tfoot>
        </table>
      ) : (
        <p className="muted">No breakdown: the example was never scored.</p>
      )}

      <h4>The writers' votes</h4>
      {votes.length ? (
        <table className="compact" data-testid="votes">
          <thead>
            <tr>
              <th scope="col">Writer</th>
              <th scope="col">Score</th>
              {withJury ? <th scope="col">Jury</th> : null}
            </tr>
          </thead>
          <tbody>
            {votes.map(([model, score]) => (
              <tr key={model}>
                <th scope="row">
                  {model}
                  {model === example.winning_model ? " (chosen)" : ""}
                </th>
                <td>{score.toFixed(1)}</td>
                {withJury ? <td>{juryMarks[model] === undefined ? "–" : juryMarks[model].toFixed(1)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No writer answered.</p>
      )}
      {failedWriters.length ? (
        <ul className="failures">
          {failedWriters.map((candidate) => (
            <li key={candidate.model}>
              {candidate.model} failed: {candidate.error}
            </li>
          ))}
        </ul>
      ) : null}

      {example.judge_status && example.judge_status !== "off" ? (
        <>
          <h4>The jury</h4>
          <p data-testid="judge-status">
            {example.judge_status === "judged"
              ? `Judged: ${example.judge_score === null || example.judge_score === undefined ? "–" : example.judge_score.toFixed(1)} / 10`
              : "The judges could not be reached; it was kept or rejected on the heuristics alone."}
          </p>
          {judgements.length ? (
            <div className="table-scroll">
              <table className="compact" data-testid="judgements">
                <thead>
                  <tr>
                    <th scope="col">Judge</th>
                    {MARKS.map((mark) => (
                      <th scope="col" key={mark}>
                        {humanize(mark)}
                      </th>
                    ))}
                    <th scope="col">Verdict</th>
                    <th scope="col">Reason</th>
                  </tr>
                </thead>
                <tbody>
                  {judgements.map(([judge, marks]) => (
                    <tr key={judge}>
                      <th scope="row">{judge}</th>
                      {MARKS.map((mark) => (
                        <td key={mark}>{marks[mark] ?? "–"}</td>
                      ))}
                      <td>{marks.verdict ?? "–"}</td>
                      <td>{marks.reason ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : null}

      <ExampleCuration example={example} onUpdate={onUpdate} />
      <p className="muted">Generated {formatWhen(example.created_at)}.</p>
    </article>
  );
}
