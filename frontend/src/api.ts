// The API client: same origin, the Django session cookie, and the CSRF token on every unsafe request.

import type {
  Example,
  ExampleCurationRequest,
  ExportFormat,
  FineTuneJob,
  GenerateResponse,
  GenresResponse,
  MemorySearch,
  Page,
  RunSummary,
  UserStats,
} from "./types";

export type FieldErrors = Record<string, string[]>;

/** An answer other than 2xx, or no answer at all (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly fieldErrors: FieldErrors;

  constructor(status: number, message: string, fieldErrors: FieldErrors = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.fieldErrors = fieldErrors;
  }
}

export interface ApiOptions {
  /** Prefix for every path; "" means the page's own origin. */
  baseUrl?: string;
  /** Called on 401: the session ended, so the page goes back to the login form. */
  onUnauthorized?: () => void;
  /** The token Django put in the page; the csrftoken cookie wins when present (it rotates at login). */
  csrfToken?: string;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function cookie(name: string): string | undefined {
  if (typeof document === "undefined") return undefined;
  for (const part of document.cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

/** DRF's error bodies: {"detail": "..."} or {field: [messages]} (lists of objects nest one level). */
export function parseErrorBody(status: number, body: unknown): ApiError {
  if (body && typeof body === "object" && !Array.isArray(body)) {
    const record = body as Record<string, unknown>;
    if (typeof record.detail === "string") return new ApiError(status, record.detail);
    const fields: FieldErrors = {};
    for (const [field, value] of Object.entries(record)) {
      const messages = flatten(value);
      if (messages.length) fields[field] = messages;
    }
    if (Object.keys(fields).length) {
      const first = Object.entries(fields)[0];
      return new ApiError(status, `${first[0]}: ${first[1][0]}`, fields);
    }
  }
  return new ApiError(status, defaultMessage(status));
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function flatten(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(flatten);
  if (value && typeof value === "object") return Object.values(value).flatMap(flatten);
  return [];
}

function defaultMessage(status: number): string {
  if (status === 401) return "Your session has ended; please log in again.";
  if (status === 403) return "You are not allowed to do that.";
  if (status === 404) return "Not found.";
  if (status === 429) return "Too many requests; please wait a moment and try again.";
  if (status >= 500) return `The server failed (${status}); please try again.`;
  return `The request failed (${status}).`;
}

export interface Api {
  genres(): Promise<GenresResponse>;
  startRun(body: {
    user_id: string;
    num_examples: number;
    genres: string[] | null;
    store_in_memory: boolean;
  }): Promise<RunSummary>;
  run(id: string): Promise<RunSummary>;
  cancelRun(id: string): Promise<RunSummary>;
  runs(userId: string): Promise<Page<RunSummary>>;
  stats(userId: string): Promise<UserStats>;
  startFinetune(userId: string): Promise<FineTuneJob>;
  finetuneJob(id: string): Promise<FineTuneJob>;
  /** The user's jobs, newest first: the first page. */
  finetuneJobs(userId: string): Promise<Page<FineTuneJob>>;
  evaluateJob(id: string): Promise<unknown>;
  examples(filter: ExampleFilter): Promise<Page<Example>>;
  /** Every page of a filter, newest first, up to `limit` examples, and how many match in all. */
  allExamples(filter: Omit<ExampleFilter, "page">, limit: number): Promise<{ examples: Example[]; count: number }>;
  /** A note goes with an exclusion only (the server refuses one with a restore). */
  updateExample(id: number, body: ExampleCurationRequest): Promise<Example>;
  exportDataset(userId: string, format: ExportFormat): Promise<Download>;
  generate(body: { user_id: string; prompt: string; genre: string | null; use_memory: boolean }): Promise<GenerateResponse>;
  memorySearch(userId: string, q: string, k: number): Promise<MemorySearch>;
}

export interface ExampleFilter {
  userId: string;
  run?: string | null;
  genre?: string | null;
  kept?: boolean | null;
  excluded?: boolean | null;
  /** A field name, "-" first for descending (the server's EXAMPLE_ORDERINGS); default newest first. */
  ordering?: string | null;
  page?: number;
}

export interface Download {
  blob: Blob;
  filename: string;
}

/** `attachment; filename="zega-alice-openai.jsonl"` -> the name; the fallback otherwise. */
export function attachmentName(header: string | null, fallback: string): string {
  const match = header?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
  return match ? decodeURIComponent(match[1]) : fallback;
}

export function createApi(options: ApiOptions = {}): Api {
  const baseUrl = options.baseUrl ?? "";

  async function send(method: string, path: string, body?: unknown, headers?: HeadersInit): Promise<Response> {
    const sent = new Headers(headers);
    if (!sent.has("Accept")) sent.set("Accept", "application/json");
    if (body !== undefined) sent.set("Content-Type", "application/json");
    if (UNSAFE.has(method)) {
      const token = cookie("csrftoken") ?? options.csrfToken;
      if (token) sent.set("X-CSRFToken", token);
    }
    let response: Response;
    try {
      response = await fetch(baseUrl + path, {
        method,
        headers: sent,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "same-origin",
      });
    } catch {
      throw new ApiError(0, "Could not reach the server; check your connection and try again.");
    }
    if (!response.ok) {
      const error = parseErrorBody(response.status, parseJson(await response.text()));
      if (response.status === 401) options.onUnauthorized?.();
      throw error;
    }
    return response;
  }

  async function request<T>(method: string, path: string, body?: unknown, headers?: HeadersInit): Promise<T> {
    const response = await send(method, path, body, headers);
    return parseJson(await response.text()) as T;
  }

  function examplesPath(filter: ExampleFilter): string {
    const params = new URLSearchParams({ user_id: filter.userId });
    if (filter.run) params.set("run", filter.run);
    if (filter.genre) params.set("genre", filter.genre);
    if (filter.kept !== undefined && filter.kept !== null) params.set("kept", String(filter.kept));
    if (filter.excluded !== undefined && filter.excluded !== null) params.set("excluded", String(filter.excluded));
    if (filter.ordering) params.set("ordering", filter.ordering);
    if (filter.page && filter.page > 1) params.set("page", String(filter.page));
    return `/training/examples?${params}`;
  }

  const query = (userId: string) => `user_id=${encodeURIComponent(userId)}`;

  return {
    genres: () => request("GET", "/training/genres"),
    startRun: (body) => request("POST", "/auto-train", body, { Prefer: "respond-async" }),
    run: (id) => request("GET", `/auto-train/runs/${encodeURIComponent(id)}`),
    cancelRun: (id) => request("POST", `/auto-train/runs/${encodeURIComponent(id)}/cancel`),
    runs: (userId) => request("GET", `/auto-train/runs?${query(userId)}`),
    stats: (userId) => request("GET", `/training/stats?${query(userId)}`),
    startFinetune: (userId) => request("POST", "/finetune", { user_id: userId }),
    finetuneJob: (id) => request("GET", `/finetune/jobs/${encodeURIComponent(id)}`),
    finetuneJobs: (userId) => request("GET", `/finetune/jobs?${query(userId)}`),
    evaluateJob: (id) => request("POST", `/finetune/jobs/${encodeURIComponent(id)}/evaluate`),
    examples: (filter) => request("GET", examplesPath(filter)),
    allExamples: async (filter, limit) => {
      const examples: Example[] = [];
      let count = 0;
      for (let page = 1; examples.length < limit; page++) {
        const answer: Page<Example> = await request("GET", examplesPath({ ...filter, page }));
        count = answer.count;
        examples.push(...answer.results);
        if (!answer.next || answer.results.length === 0) break;
      }
      return { examples: examples.slice(0, limit), count };
    },
    updateExample: (id, body) => request("PATCH", `/training/examples/${id}`, body),
    exportDataset: async (userId, format) => {
      const params = new URLSearchParams({ user_id: userId, format });
      const response = await send("GET", `/training/export?${params}`, undefined, { Accept: "*/*" });
      const fallback = `zega-${userId}-${format}.${format === "hf" ? "zip" : "jsonl"}`;
      return {
        blob: await response.blob(),
        filename: attachmentName(response.headers.get("Content-Disposition"), fallback),
      };
    },
    generate: (body) => request("POST", "/generate", body),
    memorySearch: (userId, q, k) =>
      request("GET", `/memory/search?${new URLSearchParams({ user_id: userId, q, k: String(k) })}`),
  };
}
