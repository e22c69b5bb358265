// The run form: how many examples, which genres, whether to store them in memory; checked here first,
// then by the server, whose 400 field errors land next to their fields.

import { useState, type FormEvent } from "react";

import { ApiError, type Api, type FieldErrors } from "../api";
import { DEFAULT_SECONDS_PER_EXAMPLE, formatDuration } from "../format";
import type { GenreDetail, RunSummary } from "../types";

interface Props {
  api: Api;
  userId: string;
  maxExamples: number;
  genres: GenreDetail[];
  genresError: string | null;
  /** A run is going: the form waits. */
  runActive: boolean;
  /** Measured over the user's earlier runs; null without any. */
  secondsPerExample: number | null;
  /** A message from elsewhere on the page (the watched run vanished), until the next attempt. */
  notice: string | null;
  onAttempt: () => void;
  onStarted: (run: RunSummary) => void;
}

const DEFAULT_EXAMPLES = 20;

/** The component names its form fields as the API does, so a 400 lands next to the right control. */
const FORM_FIELDS = ["num_examples", "genres", "store_in_memory"] as const;

function validateCount(text: string, max: number): string | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return `Enter a whole number from 1 to ${max}.`;
  const value = Number(trimmed);
  if (value < 1 || value > max) return `Choose a number from 1 to ${max}.`;
  return null;
}

export default function RunForm({
  api,
  userId,
  maxExamples,
  genres,
  genresError,
  runActive,
  secondsPerExample,
  notice,
  onAttempt,
  onStarted,
}: Props) {
  const [countText, setCountText] = useState(String(Math.min(DEFAULT_EXAMPLES, maxExamples)));
  const [selected, setSelected] = useState<string[]>([]);
  const [storeInMemory, setStoreInMemory] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const countError = validateCount(countText, maxExamples);
  const count = countError ? null : Number(countText.trim());
  const sliderValue = Math.min(Math.max(Number(countText) || 1, 1), maxExamples);
  const estimate = (count ?? sliderValue) * (secondsPerExample ?? DEFAULT_SECONDS_PER_EXAMPLE);

  function toggleGenre(key: string) {
    setSelected((current) => (current.includes(key) ? current.filter((g) => g !== key) : [...current, key]));
    setFieldErrors(({ genres: _dropped, ...rest }) => rest);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (runActive || submitting) return;
    setFormError(null);
    onAttempt();
    if (countError) {
      setFieldErrors({ num_examples: [countError] });
      document.getElementById("num-examples")?.focus();
      return;
    }
    setFieldErrors({});
    setSubmitting(true);
    try {
      const started = await api.startRun({
        user_id: userId,
        num_examples: Number(countText.trim()),
        genres: selected.length ? selected : null,
        store_in_memory: storeInMemory,
      });
      onStarted(started);
    } catch (caught) {
      if (!(caught instanceof ApiError)) {
        setFormError(String(caught));
      } else if (caught.status === 401) {
        setFormError("Your session has ended; taking you to the login page…");
      } else if (caught.status === 400 && Object.keys(caught.fieldErrors).length) {
        const own: FieldErrors = {};
        const other: string[] = [];
        for (const [field, messages] of Object.entries(caught.fieldErrors)) {
          if ((FORM_FIELDS as readonly string[]).includes(field)) own[field] = messages;
          else other.push(field === "non_field_errors" ? messages.join(" ") : `${field}: ${messages.join(" ")}`);
        }
        setFieldErrors(own);
        if (other.length) setFormError(other.join(" "));
        if (own.num_examples) document.getElementById("num-examples")?.focus();
      } else if (caught.status === 429) {
        setFormError(`Too many runs right now: ${caught.message}`);
      } else {
        setFormError(caught.message);
      }
    } finally {
      setSubmitting(false);
    }
  }

  const numError = fieldErrors.num_examples;
  const genresFieldError = fieldErrors.genres;
  const memoryError = fieldErrors.store_in_memory;

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="form-heading">
      <h2 id="form-heading">Generate training examples</h2>

      <div className="field">
        <label htmlFor="num-examples-range">Number of examples</label>
        <div className="count-row">
          <input
            id="num-examples-range"
            type="range"
            min={1}
            max={maxExamples}
            step={1}
            value={sliderValue}
            onChange={(event) => {
              setCountText(event.target.value);
              setFieldErrors(({ num_examples: _dropped, ...rest }) => rest);
            }}
            disabled={runActive}
          />
          <label htmlFor="num-examples" className="visually-hidden">
            Exact number of examples
          </label>
          <input
            id="num-examples"
            name="num_examples"
            type="number"
            inputMode="numeric"
            min={1}
            max={maxExamples}
            step={1}
            value={countText}
            onChange={(event) => {
              setCountText(event.target.value);
              setFieldErrors(({ num_examples: _dropped, ...rest }) => rest);
            }}
            aria-invalid={numError ? true : undefined}
            aria-describedby={numError ? "num-examples-error num-examples-estimate" : "num-examples-estimate"}
            disabled={runActive}
          />
        </div>
        {numError ? (
          <p id="num-examples-error" className="field-error" role="alert">
            {numError.join(" ")}
          </p>
        ) : null}
        <p id="num-examples-estimate" className="muted" data-testid="estimate">
          Estimated time: about {formatDuration(estimate)}
          {secondsPerExample === null
            ? ` (at ~${DEFAULT_SECONDS_PER_EXAMPLE} s per example; your own runs will refine this)`
            : " (from the pace of your earlier runs)"}
        </p>
      </div>

      <fieldset className="field" aria-describedby="genres-hint">
        <legend>Genres</legend>
        <p id="genres-hint" className="muted">
          {selected.length
            ? `${selected.length} selected.`
            : "None selected: the examples are spread over all genres."}
        </p>
        {genresError ? (
          <p className="error" role="alert">
            Could not load the genres: {genresError}
          </p>
        ) : null}
        <div className="genres" role="group" aria-label="Genres to train on">
          {genres.map((genre) => (
            <button
              key={genre.key}
              type="button"
              className="genre"
              aria-pressed={selected.includes(genre.key)}
              onClick={() => toggleGenre(genre.key)}
              title={genre.description}
              disabled={runActive}
              data-genre={genre.key}
            >
              {genre.label}
            </button>
          ))}
        </div>
        {genresFieldError ? (
          <p className="field-error" role="alert">
            {genresFieldError.join(" ")}
          </p>
        ) : null}
      </fieldset>

      <div className="field checkbox">
        <input
          id="store-in-memory"
          type="checkbox"
          checked={storeInMemory}
          onChange={(event) => setStoreInMemory(event.target.checked)}
          disabled={runActive}
          aria-invalid={memoryError ? true : undefined}
        />
        <label htmlFor="store-in-memory">Also store the examples in RAG memory</label>
        {memoryError ? (
          <p className="field-error" role="alert">
            {memoryError.join(" ")}
          </p>
        ) : null}
      </div>

      {formError || notice ? (
        <p className="error" role="alert" data-testid="form-error">
          {formError ?? notice}
        </p>
      ) : null}

      <button type="submit" className="primary" disabled={runActive || submitting}>
        {runActive ? "A run is in progress…" : submitting ? "Starting…" : "Start training"}
      </button>
    </form>
  );
}
