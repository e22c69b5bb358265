// Try the personal model: a prompt and a genre go to POST /generate; the story comes back with what
// wrote it and which of the user's stored passages it was given as context.

import { useState, type FormEvent } from "react";

import type { Api } from "../api";
import type { GenerateResponse, GenreDetail, MemoryMatch } from "../types";
import { useAction } from "../useAction";

interface Props {
  api: Api;
  userId: string;
  genres: GenreDetail[];
  /** Whether the user has examples in memory: only then does "use memory" mean anything. */
  hasMemory: boolean;
}

const MAX_PROMPT = 2000;

export default function TryModel({ api, userId, genres, hasMemory }: Props) {
  const [prompt, setPrompt] = useState("");
  const [genre, setGenre] = useState("");
  const [useMemory, setUseMemory] = useState(true);
  const { busy, error, setError, run } = useAction();
  const [answer, setAnswer] = useState<GenerateResponse | null>(null);
  const [passages, setPassages] = useState<Record<number, MemoryMatch>>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    const asked = prompt.trim();
    if (!asked) {
      setError("Write a prompt first: what should the story be about?");
      return;
    }
    setAnswer(null);
    setPassages({});
    await run(async () => {
      const story = await api.generate({ user_id: userId, prompt: asked, genre: genre || null, use_memory: hasMemory && useMemory });
      setAnswer(story);
      if (story.memory_used.length) {
        // The writer was given the best matches for the prompt; the same search finds their texts.
        try {
          const found = await api.memorySearch(userId, asked, Math.max(5, story.memory_used.length));
          setPassages(Object.fromEntries(found.results.map((match) => [match.example_id, match])));
        } catch {
          /* the ids still show */
        }
      }
    });
  }

  return (
    <section className="card" aria-labelledby="try-heading" data-testid="try-model">
      <h2 id="try-heading">Try my model</h2>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="try-prompt">Prompt</label>
          <textarea
            id="try-prompt"
            value={prompt}
            onChange={(event) => setPrompt(event.target.value)}
            rows={3}
            maxLength={MAX_PROMPT}
            placeholder="A lighthouse keeper finds a letter addressed to her future self"
          />
        </div>
        <div className="field">
          <label htmlFor="try-genre">Genre</label>
          <select id="try-genre" value={genre} onChange={(event) => setGenre(event.target.value)}>
            <option value="">Your favourite genre</option>
            {genres.map((detail) => (
              <option key={detail.key} value={detail.key}>
                {detail.label}
              </option>
            ))}
          </select>
        </div>
        {hasMemory ? (
          <div className="field checkbox">
            <input id="try-memory" type="checkbox" checked={useMemory} onChange={(event) => setUseMemory(event.target.checked)} />
            <label htmlFor="try-memory">Give the writer my closest stored examples as context</label>
          </div>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Writing…" : "Write a story"}
        </button>
      </form>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {answer ? (
        <div className="generated" data-testid="generated">
          <p data-testid="writer">
            Written by <strong>{answer.writer || answer.model}</strong>
            {answer.custom_model ? " (your custom model)" : " (no custom model yet: the ensemble wrote it)"}
          </p>
          <div className="story" data-testid="generated-text">
            {answer.text}
          </div>
          {answer.memory_used.length ? (
            <>
              <h3>Memory passages it was given</h3>
              <ol className="passages" data-testid="memory-used">
                {answer.memory_used.map((id) => (
                  <li key={id}>
                    <span className="muted">Example #{id}</span>
                    {passages[id] ? <div className="passage">{passages[id].text}</div> : null}
                  </li>
                ))}
              </ol>
            </>
          ) : (
            <p className="muted">No memory passages were used.</p>
          )}
        </div>
      ) : null}
    </section>
  );
}
