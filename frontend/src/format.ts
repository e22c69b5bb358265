// Numbers as people read them.

import type { RunSummary } from "./types";

/** "350 ms", "4.2 s", "42 s", "3 min 5 s", "1 h 2 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "–";
  // Sub-second runs are common with fast writers: "0.0 s" would say nothing.
  const ms = Math.round(seconds * 1000);
  if (ms < 1000) return `${ms} ms`;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) {
    const rest = whole % 60;
    return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  const restMinutes = minutes % 60;
  return restMinutes ? `${hours} h ${restMinutes} min` : `${hours} h`;
}

export function formatPercent(part: number, whole: number): string {
  if (!whole) return "0%";
  return `${Math.round((part / whole) * 100)}%`;
}

export function formatQuality(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : `${value.toFixed(1)} / 10`;
}

/** "dark_fantasy" -> "Dark fantasy" when the catalog gave no label. */
export function humanize(key: string): string {
  const words = key.replace(/_/g, " ").trim();
  if (words === "sci fi") return "Sci-Fi";
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const FAILURE_LABELS: Record<string, string> = {
  generation_error: "Generation errors",
  low_quality: "Below the quality threshold",
  truncated: "Cut off before the end",
  judge: "Rejected by the LLM jury",
  duplicate: "Near-duplicates of kept examples",
  cancelled: "Cancelled before generation",
};

/** One example's fate, in words. */
export const REJECT_REASON_LABELS: Record<string, string> = {
  generation_error: "The writers failed to answer",
  low_quality: "Below the quality threshold",
  truncated: "Cut off before the end",
  judge: "Rejected by the LLM jury",
  duplicate: "A near-duplicate of an example you already have",
  cancelled: "Cancelled before generation",
};

/** The score's factors (autotrain/quality/scoring.py); penalties are named by their key otherwise. */
export const BREAKDOWN_LABELS: Record<string, string> = {
  base: "Base score",
  length: "Length of 200–800 characters",
  sentences: "Three or more sentences",
  descriptive: "Descriptive words",
  dialogue: "Dialogue",
  penalty_empty: "Empty",
  penalty_refusal: "Refusal or meta-talk",
  penalty_too_short: "Too short",
  penalty_echo: "Echoes the prompt",
  penalty_repetition: "Repetitive",
  penalty_outline: "An outline or list, not prose",
  penalty_markup: "Markup or code",
  penalty_garbled: "Garbled characters",
  penalty_cut_off: "Cut off mid-sentence",
  penalty_off_topic: "Off the brief",
  penalty_meta_talk: "Meta-talk",
  penalty_not_english: "Not English",
  penalty_keyword_salad: "Keyword salad",
  penalty_verse: "Verse, not prose",
  penalty_script: "A script or labelled lines",
  penalty_run_on: "One run-on sentence",
  penalty_exposition: "Exposition, not a story",
  penalty_truncated: "Cut off at the length limit",
  penalty_preamble: "Chatter before the story",
  penalty_postamble: "Chatter after the story",
};

export function breakdownLabel(key: string): string {
  return BREAKDOWN_LABELS[key] ?? humanize(key.replace(/^penalty_/, ""));
}

/** "+1.0", "-5.0", "7.0" for the base. */
export function formatPoints(key: string, value: number): string {
  if (key === "base") return value.toFixed(1);
  return `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(1)}`;
}

export function formatWhen(iso: string | null | undefined): string {
  if (!iso) return "–";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" });
}

// The seed's figure for an ensemble of real models: about 3 s per example.
export const DEFAULT_SECONDS_PER_EXAMPLE = 3;

/**
 * Seconds per example measured over the user's finished runs, or null with no history.
 * Cancelled and failed runs are left out: their time says little about a full run.
 */
export function measuredSecondsPerExample(runs: RunSummary[]): number | null {
  let seconds = 0;
  let examples = 0;
  for (const run of runs) {
    if (run.status !== "succeeded" || run.total_time <= 0) continue;
    seconds += run.total_time;
    examples += run.total_requested;
  }
  return examples ? seconds / examples : null;
}

/** The ETA of a running run from its own pace so far. */
export function remainingSeconds(run: RunSummary): number | null {
  const { completed, total } = run.progress;
  if (completed <= 0 || run.total_time <= 0) return null;
  return (run.total_time / completed) * Math.max(0, total - completed);
}
