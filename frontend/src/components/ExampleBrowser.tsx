// The user's examples, a page at a time: filtered by run, genre and fate, ordered by score, each opening
// to everything known about it.

import { useEffect, useState } from "react";

import type { Api } from "../api";
import { formatWhen, humanize } from "../format";
import type { Example, ExampleCurationRequest, GenreDetail, Page, RunSummary } from "../types";
import ExampleDetail from "./ExampleDetail";
import { errorMessage } from "../useAction";

interface Props {
  api: Api;
  userId: string;
  runs: RunSummary[];
  genres: GenreDetail[];
  /** The run the page shows: the browser follows it when it changes. */
  focusRunId: string | null;
  /** Whether that run is still going (its list is read again when it finishes). */
  focusRunActive?: boolean;
  /** Changes when examples may have changed (a run finished). */
  refreshKey?: string | number;
  /** An example was excluded or restored: the counts changed. */
  onChanged: () => void;
}

type Fate = "all" | "kept" | "rejected" | "excluded";
type Order = "newest" | "best" | "worst";

const SNIPPET = 110;

function snippet(text: string): string {
  return text.length > SNIPPET ? `${text.slice(0, SNIPPET)}…` : text;
}
const ORDERING: Record<Order, string | null> = { newest: null, best: "-quality_score", worst: "quality_score" };
const FATE: Record<Fate, { kept: boolean | null; excluded: boolean | null }> = {
  all: { kept: null, excluded: null },
  kept: { kept: true, excluded: null },
  rejected: { kept: false, excluded: null },
  excluded: { kept: null, excluded: true },
};

export default function ExampleBrowser({
  api,
  userId,
  runs,
  genres,
  focusRunId,
  focusRunActive = false,
  refreshKey,
  onChanged,
}: Props) {
  const [run, setRun] = useState<string>(focusRunId ?? "");
  const [genre, setGenre] = useState("");
  const [fate, setFate] = useState<Fate>("all");
  const [order, setOrder] = useState<Order>("newest");
  const [pageNumber, setPageNumber] = useState(1);
  const [data, setData] = useState<Page<Example> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);

  useEffect(() => {
    if (focusRunId) {
      setRun(focusRunId);
      setPageNumber(1);
    }
  }, [focusRunId]);

  useEffect(() => {
    let stopped = false;
    api
      .examples({ userId, run: run || null, genre: genre || null, ...FATE[fate], ordering: ORDERING[order], page: pageNumber })
      .then((answer) => {
        if (stopped) return;
        setData(answer);
        setError(null);
      })
      .catch((caught: unknown) => {
        if (!stopped) setError(errorMessage(caught));
      });
    return () => {
      stopped = true;
    };
  }, [api, userId, run, genre, fate, order, pageNumber, refreshKey]);

  const labels = Object.fromEntries(genres.map((detail) => [detail.key, detail.label]));
  const label = (key: string) => labels[key] ?? humanize(key);
  // Filters change what page 1 is.
  const refilter = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setPageNumber(1);
    setOpenId(null);
  };

  async function update(example: Example, body: ExampleCurationRequest) {
    const updated = await api.updateExample(example.id, body);
    setData((current) =>
      current && { ...current, results: current.results.map((row) => (row.id === updated.id ? { ...row, ...updated } : row)) },
    );
    onChanged();
  }

  const shown = data?.results ?? [];
  // A page that has a next one is full, so its length is the page size; the last page is this one.
  const pages = data?.next ? Math.max(pageNumber + 1, Math.ceil(data.count / Math.max(1, shown.length))) : pageNumber;
  const runIds = new Set(runs.map((listed) => listed.id));

  return (
    <section className="card" aria-labelledby="examples-heading" data-testid="examples">
      <h2 id="examples-heading">Your examples</h2>
      <div className="filters">
        <div>
          <label htmlFor="filter-run">Run</label>
          <select id="filter-run" value={run} onChange={(event) => refilter(setRun)(event.target.value)}>
            <option value="">All runs</option>
            {run && !runIds.has(run) ? <option value={run}>This run</option> : null}
            {runs.map((listed) => (
              <option key={listed.id} value={listed.id}>
                {formatWhen(listed.created_at)}: {listed.total_requested} examples
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-genre">Genre</label>
          <select id="filter-genre" value={genre} onChange={(event) => refilter(setGenre)(event.target.value)}>
            <option value="">All genres</option>
            {genres.map((detail) => (
              <option key={detail.key} value={detail.key}>
                {detail.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-fate">Kept or rejected</label>
          <select id="filter-fate" value={fate} onChange={(event) => refilter(setFate)(event.target.value as Fate)}>
            <option value="all">All</option>
            <option value="kept">Kept</option>
            <option value="rejected">Rejected</option>
            <option value="excluded">Excluded from training</option>
          </select>
        </div>
        <div>
          <label htmlFor="filter-order">Order</label>
          <select id="filter-order" value={order} onChange={(event) => refilter(setOrder)(event.target.value as Order)}>
            <option value="newest">Newest first</option>
            <option value="best">Highest score first</option>
            <option value="worst">Lowest score first</option>
          </select>
        </div>
      </div>
      {focusRunActive && run === focusRunId ? (
        <p className="muted" data-testid="run-still-going">
          This run is still going: its examples show here when it finishes.
        </p>
      ) : null}
      {error ? <p className="error">Could not load the examples: {error}</p> : null}
      {data && data.count === 0 ? <p className="muted">No examples match.</p> : null}
      {data && data.count > 0 ? (
        <p className="muted" data-testid="examples-count" aria-live="polite">
          {data.count} example{data.count === 1 ? "" : "s"}, page {pageNumber} of {pages}
        </p>
      ) : null}
      <ul className="example-list">
        {shown.map((example) => {
          const open = example.id === openId;
          return (
            <li key={example.id} data-testid="example-row" data-kept={example.kept} data-excluded={Boolean(example.excluded)}>
              <button
                type="button"
                className="example-row"
                aria-expanded={open}
                aria-controls={`example-${example.id}`}
                onClick={() => setOpenId(open ? null : example.id)}
              >
                <span className="example-score">{example.quality_score == null ? "–" : example.quality_score.toFixed(1)}</span>
                <span className={`badge ${example.kept ? "badge-succeeded" : "badge-failed"}`}>
                  {example.kept ? "Kept" : "Rejected"}
                </span>
                {example.excluded ? <span className="badge badge-excluded">Excluded</span> : null}
                <span className="example-genre">{label(example.genre)}</span>
                <span className="example-snippet">
                  {snippet(example.text || example.prompt)}
                </span>
              </button>
              {open ? (
                <div id={`example-${example.id}`}>
                  <ExampleDetail example={example} genreLabel={label(example.genre)} onUpdate={(body) => update(example, body)} />
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {data && (data.previous || data.next) ? (
        <nav className="pager" aria-label="Example pages">
          <button type="button" className="secondary" disabled={!data.previous} onClick={() => setPageNumber((n) => n - 1)}>
            Previous page
          </button>
          <button type="button" className="secondary" disabled={!data.next} onClick={() => setPageNumber((n) => n + 1)}>
            Next page
          </button>
        </nav>
      ) : null}
    </section>
  );
}
