// A fake of the API behind a mocked global fetch: each test says what each endpoint answers and reads
// back what the page sent.

import { vi } from "vitest";

import type { RunSummary } from "../types";

export interface Call {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
  at: number;
}

type Answer = { status: number; body?: unknown } | (() => { status: number; body?: unknown });

export class FakeServer {
  readonly calls: Call[] = [];
  private readonly routes = new Map<string, Answer[]>();
  readonly fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), "http://page.test");
    const method = (init.method ?? "GET").toUpperCase();
    const body = typeof init.body === "string" ? JSON.parse(init.body) : undefined;
    this.calls.push({ method, path: url.pathname + url.search, headers: new Headers(init.headers), body, at: Date.now() });
    const key = `${method} ${url.pathname}`;
    const answers = this.routes.get(key);
    if (!answers || answers.length === 0) {
      return new Response(JSON.stringify({ detail: `no fake answer for ${key}` }), { status: 599 });
    }
    // The last answer repeats; earlier ones are used once each, in order.
    const next = answers.length > 1 ? answers.shift()! : answers[0];
    const { status, body: answer } = typeof next === "function" ? next() : next;
    return new Response(answer === undefined ? "" : JSON.stringify(answer), {
      status,
      headers: { "Content-Type": "application/json" },
    });
  });

  on(method: string, path: string, ...answers: Answer[]): this {
    this.routes.set(`${method} ${path}`, answers);
    return this;
  }

  callsTo(method: string, path: string): Call[] {
    return this.calls.filter((call) => call.method === method && call.path.split("?")[0] === path);
  }
}

export const GENRES = {
  genres: ["fantasy", "dark_fantasy", "sci_fi", "mystery", "horror", "romance", "adventure", "thriller"],
  total: 8,
  description: "Available genres for automatic training data generation",
  details: [
    { key: "fantasy", label: "Fantasy" },
    { key: "dark_fantasy", label: "Dark Fantasy" },
    { key: "sci_fi", label: "Sci-Fi" },
    { key: "mystery", label: "Mystery" },
    { key: "horror", label: "Horror" },
    { key: "romance", label: "Romance" },
    { key: "adventure", label: "Adventure" },
    { key: "thriller", label: "Thriller" },
  ],
};

export const STATS = {
  training_examples: 0,
  examples_until_next_training: 50,
  custom_model_exists: false,
  ready_for_finetuning: false,
  custom_model: null,
  genre_preferences: {},
  average_quality: null,
  writing_patterns: { average_length: 0, dialogue_ratio: 0, average_sentences: 0 },
  last_finetune: null,
};

export function runSummary(overrides: Partial<RunSummary> = {}): RunSummary {
  const total = overrides.total_requested ?? 20;
  return {
    id: "run-1",
    url: "/auto-train/runs/run-1",
    user_id: "alice",
    status: "queued",
    total_requested: total,
    successful: 0,
    failed: 0,
    failures: { generation_error: 0, low_quality: 0, truncated: 0, judge: 0, duplicate: 0, cancelled: 0 },
    progress: { completed: 0, total },
    genres: [],
    genre_distribution: {},
    average_quality: null,
    model_performance: {},
    total_time: 0,
    stored_in_memory: false,
    stored_in_memory_count: 0,
    jury: { judges: [], threshold: null, requests: 0, prompt_tokens: 0, completion_tokens: 0 },
    training_stats: { training_examples: 0, examples_until_next_training: 50, custom_model_exists: false },
    ready_for_finetuning: false,
    finetune_job: null,
    error: null,
    created_at: "2026-11-25T10:00:00Z",
    started_at: null,
    finished_at: null,
    ...overrides,
  };
}

export function finishedRun(overrides: Partial<RunSummary> = {}): RunSummary {
  return runSummary({
    status: "succeeded",
    successful: 18,
    failed: 2,
    failures: { generation_error: 0, low_quality: 1, truncated: 0, judge: 0, duplicate: 1, cancelled: 0 },
    progress: { completed: 20, total: 20 },
    genre_distribution: { fantasy: 10, sci_fi: 8 },
    average_quality: 8.4,
    model_performance: { "offline-a": { wins: 11, average_quality: 8.5 }, "offline-b": { wins: 7, average_quality: 8.2 } },
    total_time: 4.2,
    training_stats: { training_examples: 18, examples_until_next_training: 32, custom_model_exists: false },
    finished_at: "2026-11-25T10:00:05Z",
    ...overrides,
  });
}

export function page<T>(results: T[]) {
  return { count: results.length, next: null, previous: null, results };
}
