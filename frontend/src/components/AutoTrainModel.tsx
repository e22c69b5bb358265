// The auto-train page: choose how many examples and which genres, start a run, watch it live, read the
// results, and fine-tune the personal model when there are enough examples.

import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";

import { ApiError, createApi, type Api, type FieldErrors } from "../api";
import {
  DEFAULT_SECONDS_PER_EXAMPLE,
  formatDuration,
  humanize,
  measuredSecondsPerExample,
} from "../format";
import { isRunFinished, type GenreDetail, type RunSummary, type UserStats } from "../types";
import Downloads from "./Downloads";
import ExampleBrowser from "./ExampleBrowser";
import FineTunePanel from "./FineTunePanel";
import MemorySearch from "./MemorySearch";
import RecentRuns from "./RecentRuns";
import RunProgress from "./RunProgress";
import RunQuality from "./RunQuality";
import RunResults from "./RunResults";
import TryModel from "./TryModel";

export interface AutoTrainModelProps {
  /** The user the page trains for: the logged-in user's username. */
  userId: string;
  /** The server's ZEGA_MAX_EXAMPLES. */
  maxExamples?: number;
  /** The server's ZEGA_QUALITY_THRESHOLD, drawn on the quality histograms. */
  qualityThreshold?: number;
  /** Same-origin by default. */
  apiBaseUrl?: string;
  csrfToken?: string;
  /** Where a 401 sends the browser. */
  loginUrl?: string;
  /** Replaces the redirect on 401 (tests, embedding). */
  onUnauthorized?: () => void;
  /** How often a running run and a fine-tune job are read again; at least once a second. */
  pollIntervalMs?: number;
  /** A ready-made client (tests); otherwise one is made from the options above. */
  api?: Api;
}

const DEFAULT_EXAMPLES = 20;
const RECENT_SHOWN = 8;

/** The component names its form fields as the API does, so a 400 lands next to the right control. */
const FORM_FIELDS = ["num_examples", "genres", "store_in_memory"] as const;

/**
 * The later of two readings of the watched run. A poll sent before a cancel can answer after it: an
 * answer that would take a run back (finished to running, fewer examples done) is a stale one.
 */
function newer(current: RunSummary | null, next: RunSummary): RunSummary {
  if (!current || current.id !== next.id) return next;
  if (isRunFinished(current) && !isRunFinished(next)) return current;
  if (next.progress.completed < current.progress.completed) return current;
  return next;
}

function validateCount(text: string, max: number): string | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return `Enter a whole number from 1 to ${max}.`;
  const value = Number(trimmed);
  if (value < 1 || value > max) return `Choose a number from 1 to ${max}.`;
  return null;
}

export default function AutoTrainModel({
  userId,
  maxExamples = 500,
  qualityThreshold = 7,
  apiBaseUrl = "",
  csrfToken,
  loginUrl = "/accounts/login/",
  onUnauthorized,
  pollIntervalMs = 500,
  api: givenApi,
}: AutoTrainModelProps) {
  const api = useMemo(
    () =>
      givenApi ??
      createApi({
        baseUrl: apiBaseUrl,
        csrfToken,
        onUnauthorized:
          onUnauthorized ??
          (() => {
            const next = window.location.pathname + window.location.search;
            window.location.assign(`${loginUrl}?next=${encodeURIComponent(next)}`);
          }),
      }),
    [givenApi, apiBaseUrl, csrfToken, loginUrl, onUnauthorized],
  );
  const interval = Math.min(Math.max(pollIntervalMs, 1), 1000);

  const [genres, setGenres] = useState<GenreDetail[]>([]);
  const [genresError, setGenresError] = useState<string | null>(null);
  const [countText, setCountText] = useState(String(Math.min(DEFAULT_EXAMPLES, maxExamples)));
  const [selected, setSelected] = useState<string[]>([]);
  const [storeInMemory, setStoreInMemory] = useState(false);

  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const [run, setRun] = useState<RunSummary | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  // Counts answered polls: each one schedules the next, whether or not the run changed.
  const [polls, setPolls] = useState(0);
  const [cancelling, setCancelling] = useState(false);
  const [recent, setRecent] = useState<RunSummary[]>([]);
  const [stats, setStats] = useState<UserStats | null>(null);
  // Counts exclusions and restorations: the overall quality spread is read again after one.
  const [curated, setCurated] = useState(0);
  const pickedUp = useRef(false);

  const refreshRecent = useCallback(async () => {
    try {
      const page = await api.runs(userId);
      setRecent(page.results.slice(0, RECENT_SHOWN));
      return page.results;
    } catch {
      return [];
    }
  }, [api, userId]);

  const refreshStats = useCallback(async () => {
    try {
      setStats(await api.stats(userId));
    } catch {
      // The panel falls back to the run's own training stats.
    }
  }, [api, userId]);

  // First load: the catalog, the user's stats, and their runs; a run still going is picked back up.
  useEffect(() => {
    let stopped = false;
    api
      .genres()
      .then((body) => {
        if (stopped) return;
        const details = body.details?.length
          ? body.details
          : body.genres.map((key) => ({ key, label: humanize(key) }));
        setGenres(details);
      })
      .catch((caught: unknown) => {
        if (!stopped) setGenresError(caught instanceof Error ? caught.message : String(caught));
      });
    void refreshStats();
    void refreshRecent().then((runs) => {
      if (stopped || pickedUp.current) return;
      pickedUp.current = true;
      const live = runs.find((candidate) => !isRunFinished(candidate));
      if (live) setRun((current) => current ?? live);
    });
    return () => {
      stopped = true;
    };
  }, [api, refreshRecent, refreshStats]);

  // Live progress: read the run again until it finishes.
  const runId = run?.id ?? null;
  const runActive = run !== null && !isRunFinished(run);
  useEffect(() => {
    if (!runId || !runActive) return;
    let stopped = false;
    const timer = window.setTimeout(async () => {
      try {
        const next = await api.run(runId);
        if (stopped) return;
        setPollError(null);
        setRun((current) => newer(current, next));
        setPolls((n) => n + 1);
      } catch (caught) {
        if (stopped) return;
        if (caught instanceof ApiError && caught.status === 404) {
          setRun(null);
          setFormError("That run no longer exists.");
          return;
        }
        setPollError(caught instanceof Error ? caught.message : String(caught));
        setPolls((n) => n + 1);
      }
    }, interval);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [api, runId, runActive, polls, interval]);

  // When the watched run finishes, the list and the stats change.
  const finishedId = run && isRunFinished(run) ? run.id : null;
  useEffect(() => {
    if (!finishedId) return;
    void refreshRecent();
    void refreshStats();
  }, [finishedId, refreshRecent, refreshStats]);

  const secondsPerExample = measuredSecondsPerExample(recent);
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
      setPollError(null);
      setRun(started);
      void refreshRecent();
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

  async function cancel() {
    if (!run) return;
    setCancelling(true);
    try {
      const cancelled = await api.cancelRun(run.id);
      setRun((current) => newer(current, cancelled));
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 409) {
        // It finished on its own meanwhile: show how it ended.
        try {
          const ended = await api.run(run.id);
          setRun((current) => newer(current, ended));
        } catch {
          /* the next poll shows it */
        }
      } else {
        setPollError(caught instanceof Error ? caught.message : String(caught));
      }
    } finally {
      setCancelling(false);
    }
  }

  const showRun = useCallback((picked: RunSummary) => {
    setPollError(null);
    setRun(picked);
  }, []);

  const onCurated = useCallback(() => {
    setCurated((n) => n + 1);
    void refreshStats();
  }, [refreshStats]);

  const genreLabels = Object.fromEntries(genres.map((genre) => [genre.key, genre.label]));
  const hasMemory = Boolean(run?.stored_in_memory) || recent.some((listed) => listed.stored_in_memory);
  const numError = fieldErrors.num_examples;
  const genresFieldError = fieldErrors.genres;
  const memoryError = fieldErrors.store_in_memory;

  return (
    <div className="autotrain">
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

        {formError ? (
          <p className="error" role="alert" data-testid="form-error">
            {formError}
          </p>
        ) : null}

        <button type="submit" className="primary" disabled={runActive || submitting}>
          {runActive ? "A run is in progress…" : submitting ? "Starting…" : "Start training"}
        </button>
      </form>

      {run ? (
        <RunProgress run={run} onCancel={cancel} cancelling={cancelling} pollError={pollError} />
      ) : null}
      {run && !runActive ? (
        <RunResults run={run} genreLabels={genreLabels} quality={{ api, userId, threshold: qualityThreshold }} />
      ) : null}

      <FineTunePanel
        api={api}
        userId={userId}
        stats={stats}
        run={run}
        pollIntervalMs={interval}
        onChanged={refreshStats}
      />

      <ExampleBrowser
        api={api}
        userId={userId}
        runs={recent}
        genres={genres}
        focusRunId={run?.id ?? null}
        refreshKey={finishedId ?? ""}
        onChanged={onCurated}
      />

      <section className="card" aria-labelledby="overall-quality-heading">
        <h2 id="overall-quality-heading">Quality of all your examples</h2>
        <RunQuality
          api={api}
          userId={userId}
          threshold={qualityThreshold}
          runId={null}
          refreshKey={`${finishedId ?? ""}:${curated}`}
        />
      </section>

      <Downloads api={api} userId={userId} />

      <TryModel api={api} userId={userId} genres={genres} hasMemory={hasMemory} />
      {hasMemory ? <MemorySearch api={api} userId={userId} /> : null}

      <RecentRuns
        runs={recent.map((listed) => (run && listed.id === run.id ? run : listed))}
        currentId={run?.id ?? null}
        onShow={showRun}
      />

      <footer className="page-footer">
        Everything on this page is also in the REST API: <a href={`${apiBaseUrl}/api/docs`}>API documentation</a>.
      </footer>
    </div>
  );
}
