// Examples and fine-tune jobs as the API answers them, for the component tests.

import type { Example, FineTuneEvaluation, FineTuneJob } from "../types";

export function example(overrides: Partial<Example> = {}): Example {
  return {
    id: 1,
    run: "run-1",
    index: 0,
    genre: "fantasy",
    prompt: "A dragon who collects broken promises",
    style_modifier: "Write it in second person",
    text: "You find the dragon at dusk, counting promises like coins.",
    raw_text: "You find the dragon at dusk, counting promises like coins.",
    quality_score: 9.3,
    quality_breakdown: { base: 7, length: 1, sentences: 0.5, descriptive: 0.5, dialogue: 0.3 },
    kept: true,
    reject_reason: null,
    reject_detail: "",
    winning_model: "offline-lyric",
    votes: { "offline-lyric": 9.3, "offline-noir": 8.8 },
    candidates: [
      { model: "offline-lyric", score: 9.3, judge_score: null, error: null, chars: 420, won: true },
      { model: "offline-noir", score: 8.8, judge_score: null, error: null, chars: 380, won: false },
    ],
    judge_score: null,
    judge_status: "off",
    judgements: {},
    excluded: false,
    excluded_by: null,
    excluded_at: null,
    exclusion_note: "",
    created_at: "2026-11-25T10:00:00Z",
    ...overrides,
  };
}

export function rejectedExample(overrides: Partial<Example> = {}): Example {
  return example({
    id: 2,
    index: 1,
    genre: "horror",
    text: "The house. The house. The house. The house.",
    quality_score: 2.0,
    quality_breakdown: { base: 7, length: 0, sentences: 0, descriptive: 0, dialogue: 0, penalty_repetition: -5 },
    kept: false,
    reject_reason: "low_quality",
    reject_detail: "repetitive: 4 of 4 sentences repeat",
    winning_model: "offline-noir",
    votes: { "offline-noir": 2.0 },
    candidates: [
      { model: "offline-noir", score: 2.0, judge_score: null, error: null, chars: 44, won: true },
      { model: "offline-lyric", score: null, judge_score: null, error: "HTTP 500 from the server", chars: 0, won: false },
    ],
    ...overrides,
  });
}

export function evaluation(overrides: Partial<FineTuneEvaluation> = {}): FineTuneEvaluation {
  return {
    id: "eval-1",
    status: "succeeded",
    n: 4,
    completed: 4,
    custom: { model: "zega-alice", mean_score: 8.9, pass_rate: 1, answered: 4 },
    base: { model: "offline ensemble", mean_score: 8.1, pass_rate: 0.75, answered: 4 },
    wins: 3,
    losses: 1,
    ties: 0,
    jury: [],
    quality_threshold: 7,
    error: null,
    samples: [
      {
        index: 0,
        genre: "mystery",
        prompt: "A locked room with an open window",
        style_modifier: "",
        status: "done",
        custom_text: "The custom model's story.",
        base_text: "The base model's story.",
        custom_score: 9.1,
        base_score: 8.0,
        winner: "custom",
        judgements: {},
        error: null,
      },
    ],
    created_at: "2026-11-25T10:05:00Z",
    finished_at: "2026-11-25T10:06:00Z",
    ...overrides,
  };
}

export function job(overrides: Partial<FineTuneJob> = {}): FineTuneJob {
  return {
    id: "job-1",
    url: "/finetune/jobs/job-1",
    user_id: "alice",
    backend: "fewshot",
    kind: "prompt",
    kind_label: "prompt-based: no weights were trained",
    settings: {},
    status: "succeeded",
    base_model: "",
    model_name: "zega-alice",
    provider_job_id: null,
    num_examples: 55,
    validation_examples: 0,
    error: null,
    events: [
      { at: "2026-11-25T10:00:00Z", message: "Job created", level: "info" },
      { at: "2026-11-25T10:00:01Z", message: "Built the prompt from 55 examples", level: "info" },
    ],
    metrics: [],
    checkpoints: [],
    evaluation: null,
    triggered_by_run: null,
    created_at: "2026-11-25T10:00:00Z",
    finished_at: "2026-11-25T10:00:02Z",
    ...overrides,
  };
}
