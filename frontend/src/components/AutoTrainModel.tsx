// The auto-train page: start a run and watch it live, read its results, fine-tune the personal model when
// there are enough examples, and look at the data itself: the examples, their quality, the dataset
// files, and the model's own stories. This component holds the page's shared state (the watched run,
// the user's runs and stats); each part is its own component.

import { useCallback, useEffect, useMemo, useRef, useState } from "react";

import { ApiError, createApi, type Api } from "../api";
import { humanize, measuredSecondsPerExample } from "../format";
import { isRunFinished, type GenreDetail, type RunSummary, type UserStats } from "../types";
import Downloads from "./Downloads";
import ExampleBrowser from "./ExampleBrowser";
import FineTunePanel from "./FineTunePanel";
import MemorySearch from "./MemorySearch";
import RecentRuns from "./RecentRuns";
import RunForm from "./RunForm";
import RunProgress from "./RunProgress";
import RunQuality from "./RunQuality";
import RunResults from "./RunResults";
import TryModel from "./TryModel";
import { errorMessage } from "../useAction";

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

const RECENT_SHOWN = 8;

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
  const [notice, setNotice] = useState<string | null>(null);

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
        if (!stopped) setGenresError(errorMessage(caught));
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
          setNotice("That run no longer exists.");
          return;
        }
        setPollError(errorMessage(caught));
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
        setPollError(errorMessage(caught));
      }
    } finally {
      setCancelling(false);
    }
  }

  const started = useCallback(
    (startedRun: RunSummary) => {
      setPollError(null);
      setRun(startedRun);
      void refreshRecent();
    },
    [refreshRecent],
  );

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

  return (
    <div className="autotrain">
      <RunForm
        api={api}
        userId={userId}
        maxExamples={maxExamples}
        genres={genres}
        genresError={genresError}
        runActive={runActive}
        secondsPerExample={measuredSecondsPerExample(recent)}
        notice={notice}
        onAttempt={() => setNotice(null)}
        onStarted={started}
      />

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
        focusRunActive={runActive}
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
