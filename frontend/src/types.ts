// The shapes the API answers with (CONTRACT section 3). Only what the page reads is typed.

export type RunStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled";
export type JobStatus = "pending" | "validating" | "queued" | "running" | "succeeded" | "failed" | "cancelled";

export interface TrainingStats {
  training_examples: number;
  examples_until_next_training: number;
  custom_model_exists: boolean;
}

export interface FineTuneJobBrief {
  id: string;
  status: JobStatus;
  model_name?: string | null;
}

export interface FineTuneJob extends FineTuneJobBrief {
  user_id?: string;
  backend?: string;
  base_model?: string | null;
  num_examples?: number;
  error?: string | null;
}

export interface RunSummary {
  id: string;
  url: string;
  status: RunStatus;
  total_requested: number;
  successful: number;
  failed: number;
  failures: Record<string, number>;
  progress: { completed: number; total: number };
  genres?: string[];
  genre_distribution: Record<string, number>;
  average_quality: number | null;
  model_performance: Record<string, { wins: number; average_quality: number }>;
  total_time: number;
  stored_in_memory: boolean;
  training_stats: Partial<TrainingStats>;
  ready_for_finetuning: boolean;
  finetune_job: FineTuneJobBrief | null;
  error?: string | null;
  created_at: string;
  started_at?: string | null;
  finished_at?: string | null;
}

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export interface GenreDetail {
  key: string;
  label: string;
  description?: string;
}

export interface GenresResponse {
  genres: string[];
  total: number;
  description: string;
  details?: GenreDetail[];
}

export interface UserStats extends TrainingStats {
  ready_for_finetuning: boolean;
  custom_model: string | null;
  average_quality: number | null;
  last_finetune: FineTuneJobBrief | null;
}

export const FINISHED_RUN: readonly RunStatus[] = ["succeeded", "failed", "cancelled"];
export const FINISHED_JOB: readonly JobStatus[] = ["succeeded", "failed", "cancelled"];

export function isRunFinished(run: Pick<RunSummary, "status">): boolean {
  return FINISHED_RUN.includes(run.status);
}

export function isJobFinished(job: Pick<FineTuneJobBrief, "status">): boolean {
  return FINISHED_JOB.includes(job.status);
}
