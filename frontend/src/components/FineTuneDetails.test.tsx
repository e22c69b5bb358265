import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { createApi } from "../api";
import { evaluation, job } from "../test/fixtures";
import { FakeServer, STATS, page } from "../test/fakeServer";
import type { UserStats } from "../types";
import FineTuneDetails from "./FineTuneDetails";
import FineTunePanel from "./FineTunePanel";

describe("FineTuneDetails", () => {
  const noop = () => {};

  it("says a prompt-based job trained nothing, with its history", () => {
    render(<FineTuneDetails job={job()} onEvaluate={noop} evaluating={false} evaluateError={null} />);
    expect(screen.getByTestId("finetune-kind")).toHaveTextContent("prompt-based: no weights were trained");
    expect(screen.queryByTestId("finetune-settings")).not.toBeInTheDocument();
    expect(screen.getByTestId("finetune-events")).toHaveTextContent("Built the prompt from 55 examples");
    expect(screen.queryByTestId("loss-curve")).not.toBeInTheDocument();
    expect(screen.getByText("Not compared with its base model yet.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Evaluate against the base model" })).toBeEnabled();
  });

  it("shows a weights job's settings, loss curve and checkpoints", () => {
    const weights = job({
      backend: "openai",
      kind: "weights",
      kind_label: "weights: the provider trained new weights",
      base_model: "gpt-4o-mini-2024-07-18",
      model_name: "ft:gpt-4o-mini:zega-alice:abc",
      settings: { epochs: 3, learning_rate_multiplier: 0.5 },
      validation_examples: 5,
      metrics: [
        { step: 1, train_loss: 2.4, valid_loss: 2.6 },
        { step: 2, train_loss: 1.8 },
        { step: 3, train_loss: 1.1, valid_loss: 1.4 },
      ],
      checkpoints: [
        { id: "ckpt-1", step: 3, model: "ft:gpt-4o-mini:zega-alice:abc:ckpt-step-3", metrics: { train_loss: 1.1, valid_loss: 1.4 }, created_at: null },
      ],
    });
    render(<FineTuneDetails job={weights} onEvaluate={noop} evaluating={false} evaluateError={null} />);
    expect(screen.getByTestId("finetune-kind")).toHaveTextContent("weights: the provider trained new weights");
    expect(screen.getByTestId("finetune-settings")).toHaveTextContent("Epochs: 3 · Learning-rate multiplier: 0.5");
    expect(screen.getByText("55 (5 held out for validation)")).toBeInTheDocument();
    const curve = screen.getByRole("img", { name: /loss curve/i });
    expect(curve).toHaveAccessibleName(
      "Loss curve over steps 1 to 3: training loss from 2.400 to 1.100, validation loss from 2.600 to 1.400.",
    );
    expect(within(curve).getByTestId("train-loss").getAttribute("points")!.split(" ")).toHaveLength(3);
    expect(within(curve).getByTestId("valid-loss").getAttribute("points")!.split(" ")).toHaveLength(2);
    expect(screen.getByTestId("checkpoints")).toHaveTextContent("ckpt-step-3");
    expect(screen.getByTestId("checkpoints")).toHaveTextContent("Train loss 1.100");
  });

  it("says why a job failed, with its history open", () => {
    const failed = job({
      status: "failed",
      error: "The provider refused the training file: 3 examples are missing an assistant message.",
      events: [{ at: "2026-11-25T10:00:03Z", message: "validation failed", level: "error" }],
    });
    render(<FineTuneDetails job={failed} onEvaluate={noop} evaluating={false} evaluateError={null} />);
    expect(screen.getByTestId("finetune-error")).toHaveTextContent(
      "Why it failed: The provider refused the training file: 3 examples are missing an assistant message.",
    );
    expect(screen.getByTestId("finetune-events")).toHaveTextContent("[error] validation failed");
    expect(screen.getByTestId("finetune-events").closest("details")).toHaveAttribute("open");
    expect(screen.queryByRole("button", { name: /evaluate/i })).not.toBeInTheDocument();
  });

  it("shows the evaluation: wins, means, pass rates and the answers side by side", () => {
    render(<FineTuneDetails job={job({ evaluation: evaluation() })} onEvaluate={noop} evaluating={false} evaluateError={null} />);
    expect(screen.getByTestId("evaluation-summary")).toHaveTextContent(
      "On 4 held-out prompts the custom model won 3, lost 1 and tied 0 (won 75%).",
    );
    const sides = screen.getByTestId("evaluation-sides");
    expect(within(sides).getByRole("row", { name: /Custom: zega-alice/ })).toHaveTextContent("8.9100%4");
    expect(within(sides).getByRole("row", { name: /Base: offline ensemble/ })).toHaveTextContent("8.175%4");
    const sample = screen.getByTestId("evaluation-sample");
    expect(sample).toHaveTextContent("A locked room with an open window");
    expect(sample).toHaveTextContent("Custom model");
    expect(sample).toHaveTextContent("Custom · 9.1The custom model's story.");
    expect(sample).toHaveTextContent("Base · 8.0The base model's story.");
    expect(screen.getByRole("button", { name: "Evaluate again" })).toBeEnabled();
  });

  it("shows an evaluation in progress without a button to start another", () => {
    const running = evaluation({ status: "running", completed: 1, wins: 1, losses: 0, samples: [] });
    render(<FineTuneDetails job={job({ evaluation: running })} onEvaluate={noop} evaluating={false} evaluateError={null} />);
    expect(screen.getByRole("status")).toHaveTextContent("Comparing: 1 of 4 prompts done…");
    expect(screen.queryByRole("button", { name: /evaluate/i })).not.toBeInTheDocument();
  });
});

describe("FineTunePanel with the job in full", () => {
  let server: FakeServer;
  const ready: UserStats = {
    ...STATS,
    training_examples: 55,
    examples_until_next_training: 0,
    ready_for_finetuning: true,
    custom_model_exists: true,
    custom_model: "zega-alice",
    last_finetune: { id: "job-1", status: "succeeded", kind: "prompt", kind_label: "prompt-based: no weights were trained", model_name: "zega-alice" },
  } as UserStats;

  beforeEach(() => {
    server = new FakeServer().on("GET", "/finetune/jobs", { status: 200, body: page([job()]) });
    vi.stubGlobal("fetch", server.fetch);
  });

  afterEach(() => vi.unstubAllGlobals());

  function renderPanel() {
    const onChanged = vi.fn();
    render(<FineTunePanel api={createApi()} userId="alice" stats={ready} run={null} pollIntervalMs={10} onChanged={onChanged} />);
    return { user: userEvent.setup(), onChanged };
  }

  it("reads the last job in full and shows its kind and evaluation", async () => {
    server.on("GET", "/finetune/jobs/job-1", { status: 200, body: job({ evaluation: evaluation() }) });
    const { onChanged } = renderPanel();
    expect(await screen.findByTestId("finetune-kind")).toHaveTextContent("prompt-based: no weights were trained");
    expect(screen.getByTestId("evaluation-summary")).toHaveTextContent("won 3, lost 1 and tied 0");
    // A finished job with a finished evaluation is read once.
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(server.callsTo("GET", "/finetune/jobs/job-1")).toHaveLength(1);
    expect(onChanged).not.toHaveBeenCalled();
  });

  it("starts an evaluation and follows it to its result", async () => {
    const done = evaluation();
    server
      .on("GET", "/finetune/jobs/job-1",
        { status: 200, body: job({ finished_at: "2020-01-01T00:00:00Z" }) },
        { status: 200, body: job({ evaluation: evaluation({ status: "running", completed: 1, wins: 1, losses: 0, samples: [] }) }) },
        { status: 200, body: job({ evaluation: done }) },
      )
      .on("POST", "/finetune/jobs/job-1/evaluate", { status: 202, body: { id: "eval-1", status: "pending" } });
    const { user } = renderPanel();
    await user.click(await screen.findByRole("button", { name: "Evaluate against the base model" }));
    expect(server.callsTo("POST", "/finetune/jobs/job-1/evaluate")).toHaveLength(1);
    await waitFor(() => expect(screen.getByTestId("evaluation")).toHaveTextContent("Succeeded"));
    expect(screen.getByTestId("evaluation-summary")).toHaveTextContent("won 3, lost 1");
    expect(server.callsTo("GET", "/finetune/jobs/job-1")).toHaveLength(3);
  });

  it("says when the server cannot evaluate", async () => {
    server
      .on("GET", "/finetune/jobs/job-1", { status: 200, body: job({ finished_at: "2020-01-01T00:00:00Z" }) })
      .on("POST", "/finetune/jobs/job-1/evaluate", { status: 404, body: { detail: "Not found." } });
    const { user } = renderPanel();
    await user.click(await screen.findByRole("button", { name: "Evaluate against the base model" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Evaluation is not available on this server yet.");
  });

  it("lists the earlier jobs, without the one it shows, with how each ended and fared", async () => {
    server
      .on("GET", "/finetune/jobs/job-1", { status: 200, body: job() })
      .on("GET", "/finetune/jobs", {
        status: 200,
        body: {
          count: 3,
          next: null,
          previous: null,
          results: [
            job(),
            job({ id: "job-0", model_name: "zega-alice", num_examples: 20, evaluation: evaluation() }),
            job({ id: "job-a", status: "failed", model_name: null, error: "The provider refused the file.", evaluation: null }),
          ],
        },
      });
    const { user } = renderPanel();
    const earlier = await screen.findByTestId("earlier-jobs");
    expect(server.callsTo("GET", "/finetune/jobs")[0].path).toBe("/finetune/jobs?user_id=alice");
    await user.click(within(earlier).getByText("Earlier fine-tuning jobs (2)"));
    const rows = within(earlier).getAllByTestId("earlier-job");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("prompt-based: no weights were trained");
    expect(rows[0]).toHaveTextContent("Succeeded");
    expect(rows[0]).toHaveTextContent("zega-alice");
    expect(rows[0]).toHaveTextContent("won 3, lost 1, tied 0");
    expect(rows[1]).toHaveTextContent("Failed");
    expect(rows[1]).toHaveTextContent("The provider refused the file.");
  });

  it.each([
    ["the shown job is the only one", { status: 200, body: page([job()]) }, ""],
    ["the server has no list", { status: 404, body: { detail: "Not found." } }, ""],
    ["the list fails", { status: 500, body: { detail: "Server error." } }, "Could not load the earlier fine-tuning jobs"],
  ])("lists no earlier jobs when %s", async (_case, answer, said) => {
    server.on("GET", "/finetune/jobs/job-1", { status: 200, body: job() }).on("GET", "/finetune/jobs", answer);
    renderPanel();
    await screen.findByTestId("finetune-kind");
    await waitFor(() => expect(server.callsTo("GET", "/finetune/jobs")).toHaveLength(1));
    if (said) expect(await screen.findByText(new RegExp(said))).toBeInTheDocument();
    else expect(screen.queryByText(/earlier fine-tuning jobs/i)).not.toBeInTheDocument();
    expect(screen.queryByTestId("earlier-jobs")).not.toBeInTheDocument();
  });

  it("reads a job that has just succeeded again until its evaluation shows up", async () => {
    const justNow = new Date().toISOString();
    server.on(
      "GET",
      "/finetune/jobs/job-1",
      { status: 200, body: job({ finished_at: justNow }) },
      { status: 200, body: job({ finished_at: justNow }) },
      { status: 200, body: job({ finished_at: justNow, evaluation: evaluation() }) },
    );
    renderPanel();
    expect(await screen.findByTestId("evaluation-summary")).toHaveTextContent("won 3");
    expect(server.callsTo("GET", "/finetune/jobs/job-1")).toHaveLength(3);
  });
});
