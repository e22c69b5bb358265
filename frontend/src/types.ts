// The shapes the API answers with, named for the page. They come from the server's OpenAPI schema
// (src/api-schema.d.ts, written by `make types`), so a serializer change shows up here as a type error
// instead of a silent mismatch.

import type { components, operations } from "./api-schema";

type Schemas = components["schemas"];

export type RunStatus = Schemas["RunSummaryStatusEnum"];
export type JobStatus = Schemas["JobStatusEnum"];

export type TrainingStats = Schemas["TrainingStats"];
export type FineTuneJobBrief = Schemas["JobBrief"];
export type FineTuneEvent = Schemas["FineTuneEvent"];
export type TrainingSettings = Schemas["TrainingSettings"];
export type FineTuneMetric = Schemas["FineTuneMetric"];
export type FineTuneCheckpoint = Schemas["FineTuneCheckpoint"];
export type EvaluationSide = Schemas["EvaluationSide"];
export type EvaluationSample = Schemas["EvaluationSample"];
export type FineTuneEvaluation = Schemas["FineTuneEvaluation"];
export type FineTuneJob = Schemas["FineTuneJob"];

export type JudgeMarks = Schemas["JudgeMarks"];
export type Candidate = Schemas["CandidateBrief"];
export type Example = Schemas["Example"];
/** The body of PATCH /training/examples/<id>. */
export type ExampleCurationRequest = NonNullable<
  operations["training_example_curate"]["requestBody"]
>["content"]["application/json"];

export type MemoryMatch = Schemas["MemoryMatch"];
export type MemorySearch = Schemas["MemorySearch"];
export type GenerateResponse = Schemas["GenerateResponse"];

export type ExportFormat = NonNullable<NonNullable<operations["training_export"]["parameters"]["query"]>["format"]>;

export type RunSummary = Schemas["RunSummary"];
export type UserStats = Schemas["UserStats"];
export type GenresResponse = Schemas["Genres"];
/** A catalog genre; the page makes bare {key, label} ones when the catalog has no details. */
export type GenreDetail = Pick<Schemas["GenreDetail"], "key" | "label"> & Partial<Schemas["GenreDetail"]>;

/** The envelope of every paginated list (`?page=`). */
export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export const FINISHED_RUN: readonly RunStatus[] = ["succeeded", "failed", "cancelled"];
export const FINISHED_JOB: readonly JobStatus[] = ["succeeded", "failed", "cancelled"];

export function isRunFinished(run: Pick<RunSummary, "status">): boolean {
  return FINISHED_RUN.includes(run.status);
}

export function isJobFinished(job: Pick<FineTuneJobBrief, "status">): boolean {
  return FINISHED_JOB.includes(job.status);
}
