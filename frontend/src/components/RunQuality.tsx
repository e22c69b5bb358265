// The quality spread of one run (its examples' scores) or of all the user's examples. A run has at most
// ZEGA_MAX_EXAMPLES examples, so it is read whole; "all" is read on request only, up to a cap.

import { useEffect, useState } from "react";

import type { Api } from "../api";
import type { Example } from "../types";
import QualityHistogram, { type ScoredItem } from "./QualityHistogram";
import { errorMessage } from "../useAction";

interface Props {
  api: Api;
  userId: string;
  threshold: number;
  /** One run's examples; null for all of the user's. */
  runId: string | null;
  /** Changes when the data may have changed (a run finished, an example was excluded). */
  refreshKey?: string | number;
  limit?: number;
}

function scored(examples: Example[]): ScoredItem[] {
  return examples.flatMap((example) =>
    example.quality_score === null || example.quality_score === undefined
      ? []
      : [{ score: example.quality_score, kept: example.kept }],
  );
}

export default function RunQuality({ api, userId, threshold, runId, refreshKey, limit = 1000 }: Props) {
  const [requested, setRequested] = useState(runId !== null);
  const [state, setState] = useState<{ items: ScoredItem[]; count: number; loaded: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!requested) return;
    let stopped = false;
    setError(null);
    api
      .allExamples({ userId, run: runId }, limit)
      .then(({ examples, count }) => {
        if (!stopped) setState({ items: scored(examples), count, loaded: examples.length });
      })
      .catch((caught: unknown) => {
        if (!stopped) setError(errorMessage(caught));
      });
    return () => {
      stopped = true;
    };
  }, [api, userId, runId, limit, requested, refreshKey]);

  if (!requested) {
    return (
      <button type="button" className="secondary" onClick={() => setRequested(true)}>
        Show the quality spread of all your examples
      </button>
    );
  }
  if (error) return <p className="muted">Could not load the quality scores: {error}</p>;
  if (!state) return <p className="muted">Loading the quality scores…</p>;
  const caption = runId
    ? "Quality scores of this run's examples"
    : state.loaded < state.count
      ? `Quality scores of your newest ${state.loaded} of ${state.count} examples`
      : `Quality scores of all your ${state.count} examples`;
  return (
    <QualityHistogram
      items={state.items}
      threshold={threshold}
      caption={caption}
      testId={runId ? "run-quality-histogram" : "overall-quality-histogram"}
    />
  );
}
