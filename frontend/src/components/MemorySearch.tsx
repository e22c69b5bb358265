// Search the user's RAG memory the way the writer does: the closest stored passages to some text.

import { useState, type FormEvent } from "react";

import type { Api } from "../api";
import { humanize } from "../format";
import type { MemoryMatch } from "../types";
import { useAction } from "../useAction";

interface Props {
  api: Api;
  userId: string;
}

export default function MemorySearch({ api, userId }: Props) {
  const [query, setQuery] = useState("");
  const [k, setK] = useState(5);
  const { busy, error, setError, run } = useAction();
  const [results, setResults] = useState<MemoryMatch[] | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const asked = query.trim();
    if (!asked) {
      setError("Type something to look for.");
      return;
    }
    await run(async () => setResults((await api.memorySearch(userId, asked, k)).results));
  }

  return (
    <section className="card" aria-labelledby="memory-heading" data-testid="memory-search">
      <h2 id="memory-heading">Search my memory</h2>
      <form onSubmit={submit} noValidate className="inline-form">
        <div className="field">
          <label htmlFor="memory-query">Look for</label>
          <input id="memory-query" type="search" value={query} onChange={(event) => setQuery(event.target.value)} maxLength={4000} />
        </div>
        <div className="field">
          <label htmlFor="memory-k">Matches</label>
          <select id="memory-k" value={k} onChange={(event) => setK(Number(event.target.value))}>
            {[3, 5, 10, 20].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Searching…" : "Search"}
        </button>
      </form>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {results ? (
        results.length ? (
          <ol className="passages" data-testid="memory-results">
            {results.map((match) => (
              <li key={match.example_id}>
                <span className="muted">
                  {humanize(match.genre)} · similarity {match.score.toFixed(2)}
                  {match.quality_score === null ? "" : ` · quality ${match.quality_score.toFixed(1)}`}
                </span>
                <div className="passage">{match.text}</div>
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">Nothing in your memory matches.</p>
        )
      ) : null}
    </section>
  );
}
