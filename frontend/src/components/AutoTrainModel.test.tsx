import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { FakeServer, GENRES, STATS, finishedRun, page, runSummary } from "../test/fakeServer";
import { example, rejectedExample } from "../test/fixtures";
import AutoTrainModel from "./AutoTrainModel";

let server: FakeServer;

beforeEach(() => {
  server = new FakeServer()
    .on("GET", "/training/genres", { status: 200, body: GENRES })
    .on("GET", "/training/stats", { status: 200, body: STATS })
    .on("GET", "/auto-train/runs", { status: 200, body: page([]) })
    .on("GET", "/training/examples", { status: 200, body: page([]) });
  vi.stubGlobal("fetch", server.fetch);
  document.cookie = "csrftoken=cookie-token";
});

afterEach(() => {
  vi.unstubAllGlobals();
  document.cookie = "csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT";
});

function renderPage(props: Partial<Parameters<typeof AutoTrainModel>[0]> = {}) {
  const onUnauthorized = vi.fn();
  const user = userEvent.setup();
  render(<AutoTrainModel userId="alice" pollIntervalMs={10} onUnauthorized={onUnauthorized} {...props} />);
  return { user, onUnauthorized };
}

const startButton = () => screen.getByRole("button", { name: /start training/i });
const numberField = () => screen.getByLabelText("Exact number of examples") as HTMLInputElement;

describe("rendering", () => {
  it("labels every control and loads the genre buttons from the API", async () => {
    renderPage();
    expect(screen.getByLabelText("Number of examples")).toHaveAttribute("type", "range");
    expect(numberField()).toHaveValue(20);
    expect(screen.getByLabelText("Also store the examples in RAG memory")).not.toBeChecked();
    const group = screen.getByRole("group", { name: "Genres to train on" });
    await waitFor(() => expect(within(group).getAllByRole("button")).toHaveLength(8));
    expect(within(group).getByRole("button", { name: "Dark Fantasy" })).toHaveAttribute("aria-pressed", "false");
    expect(screen.getByText(/none selected: the examples are spread over all genres/i)).toBeInTheDocument();
    expect(startButton()).toBeEnabled();
    expect(screen.getByText("No runs yet.")).toBeInTheDocument();
  });

  it("keeps the slider and the number field in step, and estimates the time", async () => {
    const { user } = renderPage();
    const slider = screen.getByLabelText("Number of examples") as HTMLInputElement;
    await user.clear(numberField());
    await user.type(numberField(), "120");
    expect(slider.value).toBe("120");
    // No earlier runs: the seed's 3 s per example.
    expect(screen.getByTestId("estimate")).toHaveTextContent("about 6 min");
  });

  it("estimates from the pace of the user's earlier runs", async () => {
    server.on("GET", "/auto-train/runs", { status: 200, body: page([finishedRun({ total_time: 10 })]) });
    renderPage();
    // 10 s for 20 examples: 0.5 s each, so 20 examples take about 10 s.
    await waitFor(() => expect(screen.getByTestId("estimate")).toHaveTextContent("about 10 s"));
    expect(screen.getByTestId("estimate")).toHaveTextContent("from the pace of your earlier runs");
  });
});

describe("validation", () => {
  it.each([
    ["0", "Choose a number from 1 to 500."],
    ["501", "Choose a number from 1 to 500."],
    ["2.5", "Enter a whole number from 1 to 500."],
  ])("refuses %s before asking the server", async (typed, message) => {
    const { user } = renderPage();
    await user.clear(numberField());
    await user.type(numberField(), typed);
    await user.click(startButton());
    expect(screen.getByRole("alert")).toHaveTextContent(message);
    expect(numberField()).toHaveAttribute("aria-invalid", "true");
    expect(numberField()).toHaveAccessibleDescription(expect.stringContaining(message));
    expect(server.callsTo("POST", "/auto-train")).toHaveLength(0);
  });

  it("shows the server's 400 field errors next to their fields", async () => {
    server.on("POST", "/auto-train", {
      status: 400,
      body: { num_examples: ["Ensure this value is less than or equal to 500."], user_id: ["Unknown user."] },
    });
    // The server's limit is lower than the page was told: the server's message must still show.
    const { user } = renderPage({ maxExamples: 1000 });
    await user.clear(numberField());
    await user.type(numberField(), "501");
    await user.click(startButton());
    const error = await screen.findByText("Ensure this value is less than or equal to 500.");
    expect(error).toHaveAttribute("id", "num-examples-error");
    expect(numberField()).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByTestId("form-error")).toHaveTextContent("user_id: Unknown user.");
    expect(server.callsTo("POST", "/auto-train")[0].body).toMatchObject({ num_examples: 501 });
  });

  it("shows a genre error from the server under the genre buttons", async () => {
    server.on("POST", "/auto-train", { status: 400, body: { genres: { "0": ['"westerns" is not a valid choice.'] } } });
    const { user } = renderPage();
    await user.click(startButton());
    expect(await screen.findByText('"westerns" is not a valid choice.')).toBeInTheDocument();
  });
});

describe("a run", () => {
  it("posts the choices with Prefer: respond-async and the CSRF token", async () => {
    server.on("POST", "/auto-train", { status: 202, body: finishedRun() });
    const { user } = renderPage();
    await user.click(await screen.findByRole("button", { name: "Fantasy" }));
    await user.click(screen.getByRole("button", { name: "Sci-Fi" }));
    await user.click(screen.getByLabelText("Also store the examples in RAG memory"));
    await user.click(startButton());
    await screen.findByTestId("results");
    const [call] = server.callsTo("POST", "/auto-train");
    expect(call.body).toEqual({ user_id: "alice", num_examples: 20, genres: ["fantasy", "sci_fi"], store_in_memory: true });
    expect(call.headers.get("Prefer")).toBe("respond-async");
    expect(call.headers.get("X-CSRFToken")).toBe("cookie-token");
  });

  it("sends null genres when none is selected (all genres)", async () => {
    server.on("POST", "/auto-train", { status: 202, body: finishedRun() });
    const { user } = renderPage();
    await user.click(startButton());
    await screen.findByTestId("results");
    expect(server.callsTo("POST", "/auto-train")[0].body).toMatchObject({ genres: null });
  });

  it("shows live progress while it runs, then the results", async () => {
    const running = runSummary({
      status: "running",
      successful: 4,
      failed: 1,
      progress: { completed: 5, total: 20 },
      total_time: 2,
      training_stats: { training_examples: 4, examples_until_next_training: 46, custom_model_exists: false },
    });
    let polls = 0;
    server
      .on("POST", "/auto-train", { status: 202, body: runSummary() })
      .on(
        "GET",
        "/auto-train/runs/run-1",
        { status: 200, body: running },
        () => {
          polls += 1;
          // Stay at 5/20 until the test has looked, then finish.
          return polls < 3
            ? { status: 200, body: running }
            : { status: 200, body: finishedRun() };
        },
      );
    const { user } = renderPage({ pollIntervalMs: 50 });
    await user.click(startButton());

    const bar = await screen.findByRole("progressbar", { name: "Training progress" });
    await waitFor(() => expect(bar).toHaveAttribute("aria-valuenow", "5"));
    expect(bar).toHaveAttribute("aria-valuemax", "20");
    expect(screen.getByTestId("progress-text")).toHaveTextContent("5 / 20 examples (25%)");
    expect(screen.getByTestId("kept-so-far")).toHaveTextContent("4");
    expect(screen.getByTestId("failed-so-far")).toHaveTextContent("1");
    // 2 s for 5 examples: 15 to go take about 6 s.
    expect(screen.getByText("about 6.0 s")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /a run is in progress/i })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Cancel run" })).toBeEnabled();
    // The readiness indicator follows the run's live numbers.
    expect(screen.getByTestId("readiness")).toHaveTextContent("46 more kept examples until the next fine-tuning.");
    expect(screen.getByTestId("training-examples")).toHaveTextContent("4");

    const results = await screen.findByTestId("results");
    // The bar stays, full, above the results; nothing is left to cancel.
    expect(screen.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "20");
    expect(screen.queryByRole("button", { name: "Cancel run" })).not.toBeInTheDocument();
    expect(within(results).getByTestId("success-rate")).toHaveTextContent("90%");
    expect(within(results).getByTestId("average-quality")).toHaveTextContent("8.4 / 10");
    expect(within(results).getByRole("img", { name: /genre distribution/i })).toHaveAccessibleName(
      "Genre distribution. Fantasy: 10, Sci-Fi: 8",
    );
    expect(within(results).getByRole("rowheader", { name: "offline-a" })).toBeInTheDocument();
    expect(within(results).getByTestId("failures")).toHaveTextContent("Below the quality threshold: 1");
    expect(within(results).getByTestId("failures")).toHaveTextContent("Near-duplicates of kept examples: 1");
    expect(startButton()).toBeEnabled();
    // The readiness indicator (the stats endpoint says 50 to go; it is read again after the run).
    expect(screen.getByTestId("readiness")).toHaveTextContent(/more kept examples until the next fine-tuning/);
    await waitFor(() => expect(server.callsTo("GET", "/training/stats").length).toBeGreaterThanOrEqual(2));
  });

  it("polls at least once a second by default", async () => {
    server
      .on("POST", "/auto-train", { status: 202, body: runSummary() })
      .on("GET", "/auto-train/runs/run-1", { status: 200, body: runSummary({ status: "running" }) });
    const user = userEvent.setup();
    render(<AutoTrainModel userId="alice" />);
    await user.click(startButton());
    await screen.findByRole("progressbar");
    const polls = () => server.callsTo("GET", "/auto-train/runs/run-1");
    await waitFor(() => expect(polls().length).toBeGreaterThanOrEqual(3), { timeout: 3000 });
    const times = polls().map((call) => call.at);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeLessThanOrEqual(1000);
  });

  it("cancels a running run", async () => {
    server
      .on("POST", "/auto-train", { status: 202, body: runSummary({ status: "running" }) })
      .on("GET", "/auto-train/runs/run-1", { status: 200, body: runSummary({ status: "running" }) })
      .on("POST", "/auto-train/runs/run-1/cancel", {
        status: 200,
        body: finishedRun({
          status: "cancelled",
          successful: 3,
          failed: 17,
          failures: { generation_error: 0, low_quality: 0, truncated: 0, judge: 0, duplicate: 0, cancelled: 17 },
          genre_distribution: { fantasy: 3 },
        }),
      });
    const { user } = renderPage();
    await user.click(startButton());
    await user.click(await screen.findByRole("button", { name: "Cancel run" }));
    const results = await screen.findByTestId("results");
    expect(within(results).getByText("Cancelled")).toBeInTheDocument();
    expect(within(results).getByTestId("failures")).toHaveTextContent("Cancelled before generation: 17");
    expect(server.callsTo("POST", "/auto-train/runs/run-1/cancel")[0].headers.get("X-CSRFToken")).toBe("cookie-token");
  });

  it("picks a run that is still going back up after a reload", async () => {
    server
      .on("GET", "/auto-train/runs", {
        status: 200,
        body: page([runSummary({ id: "run-1", status: "running", progress: { completed: 7, total: 20 } }), finishedRun({ id: "old" })]),
      })
      .on("GET", "/auto-train/runs/run-1", {
        status: 200,
        body: runSummary({ status: "running", progress: { completed: 8, total: 20 }, total_time: 3 }),
      });
    renderPage();
    const bar = await screen.findByRole("progressbar");
    await waitFor(() => expect(bar).toHaveAttribute("aria-valuenow", "8"));
    expect(screen.getByRole("button", { name: /a run is in progress/i })).toBeDisabled();
    expect(screen.getByTestId("recent-runs")).toHaveTextContent("8 / 20 done");
  });

  it("shows an older run's results from the recent runs list", async () => {
    server.on("GET", "/auto-train/runs", { status: 200, body: page([finishedRun({ id: "old", genre_distribution: { horror: 5 } })]) });
    const { user } = renderPage();
    await user.click(await screen.findByRole("button", { name: /show the run started/i }));
    expect(await screen.findByRole("img", { name: "Genre distribution. Horror: 5" })).toBeInTheDocument();
  });
});

describe("errors", () => {
  it("explains a 429", async () => {
    server.on("POST", "/auto-train", {
      status: 429,
      body: { detail: "You already have 2 unfinished runs (the limit is 2); wait for one to finish or cancel it." },
    });
    const { user } = renderPage();
    await user.click(startButton());
    expect(await screen.findByTestId("form-error")).toHaveTextContent(/too many runs right now: you already have 2 unfinished runs/i);
    expect(startButton()).toBeEnabled();
  });

  it("goes back to the login page on a 401", async () => {
    server.on("POST", "/auto-train", { status: 401, body: { detail: "Authentication credentials were not provided." } });
    const { user, onUnauthorized } = renderPage();
    await user.click(startButton());
    await waitFor(() => expect(onUnauthorized).toHaveBeenCalled());
  });

  it("redirects to the login URL by default on a 401", async () => {
    server.on("GET", "/training/stats", { status: 401, body: { detail: "Authentication credentials were not provided." } });
    const assign = vi.fn();
    vi.stubGlobal("location", { ...window.location, pathname: "/", search: "", assign });
    render(<AutoTrainModel userId="alice" loginUrl="/accounts/login/" />);
    await waitFor(() => expect(assign).toHaveBeenCalledWith("/accounts/login/?next=%2F"));
  });

  it("says so when the server cannot be reached", async () => {
    const { user } = renderPage();
    await screen.findByRole("button", { name: "Fantasy" });
    server.fetch.mockRejectedValueOnce(new TypeError("Failed to fetch"));
    await user.click(startButton());
    expect(await screen.findByTestId("form-error")).toHaveTextContent("Could not reach the server");
  });
});

describe("fine-tuning", () => {
  it("offers fine-tuning when ready and follows the job to its model", async () => {
    server
      .on("GET", "/training/stats", { status: 200, body: { ...STATS, training_examples: 55, examples_until_next_training: 0, ready_for_finetuning: true } })
      .on("POST", "/finetune", { status: 202, body: { id: "job-1", status: "pending", model_name: "" } })
      .on(
        "GET",
        "/finetune/jobs/job-1",
        { status: 200, body: { id: "job-1", status: "running", model_name: "" } },
        { status: 200, body: { id: "job-1", status: "succeeded", model_name: "zega-alice" } },
      );
    const { user } = renderPage();
    expect(await screen.findByTestId("readiness")).toHaveTextContent("Ready for fine-tuning.");
    await user.click(screen.getByRole("button", { name: "Start fine-tuning" }));
    expect(server.callsTo("POST", "/finetune")[0].body).toEqual({ user_id: "alice" });
    await waitFor(() => expect(screen.getByTestId("finetune-status")).toHaveTextContent("Succeeded — model zega-alice"));
    expect(screen.getByTestId("custom-model")).toHaveTextContent("zega-alice");
  });

  it("shows the job a run triggered by itself", async () => {
    server
      .on("POST", "/auto-train", {
        status: 202,
        body: finishedRun({ ready_for_finetuning: true, finetune_job: { id: "job-9", status: "queued", kind: "prompt", kind_label: "prompt-based", model_name: null } }),
      })
      .on("GET", "/finetune/jobs/job-9", { status: 200, body: { id: "job-9", status: "running" } });
    const { user } = renderPage();
    await user.click(startButton());
    await waitFor(() => expect(screen.getByTestId("finetune-status")).toHaveTextContent("Running"));
    expect(screen.queryByRole("button", { name: "Start fine-tuning" })).not.toBeInTheDocument();
  });

  it("says when the server has no fine-tuning", async () => {
    server
      .on("GET", "/training/stats", { status: 200, body: { ...STATS, examples_until_next_training: 0, ready_for_finetuning: true } })
      .on("POST", "/finetune", { status: 404, body: { detail: "Not found." } });
    const { user } = renderPage();
    await user.click(await screen.findByRole("button", { name: "Start fine-tuning" }));
    expect(await screen.findByText("Fine-tuning is not available on this server yet.")).toBeInTheDocument();
  });
});

describe("keyboard", () => {
  it("toggles genres and starts a run without a mouse", async () => {
    server.on("POST", "/auto-train", { status: 202, body: finishedRun() });
    const { user } = renderPage();
    const horror = await screen.findByRole("button", { name: "Horror" });
    horror.focus();
    await user.keyboard(" ");
    expect(horror).toHaveAttribute("aria-pressed", "true");
    await user.keyboard("{Enter}");
    expect(horror).toHaveAttribute("aria-pressed", "false");
    await user.keyboard(" ");
    numberField().focus();
    await user.keyboard("{Enter}");
    await screen.findByTestId("results");
    expect(server.callsTo("POST", "/auto-train")[0].body).toMatchObject({ genres: ["horror"] });
  });
});

describe("the page's data views", () => {
  it("links to the API documentation", async () => {
    renderPage();
    expect(screen.getByRole("link", { name: "API documentation" })).toHaveAttribute("href", "/api/docs");
    await screen.findByRole("button", { name: "Fantasy" });
  });

  it("reads sub-second times in milliseconds, the estimate included", async () => {
    server
      .on("GET", "/auto-train/runs", { status: 200, body: page([finishedRun({ total_time: 0.35 })]) })
      .on("POST", "/auto-train", { status: 202, body: finishedRun({ total_time: 0.35 }) });
    const { user } = renderPage();
    // 0.35 s for 20 examples; 20 more take about as long.
    await waitFor(() => expect(screen.getByTestId("estimate")).toHaveTextContent("about 350 ms"));
    await user.click(startButton());
    const results = await screen.findByTestId("results");
    expect(within(results).getByText("Total time").nextElementSibling).toHaveTextContent("350 ms");
    expect(screen.queryByText(/0\.0 s/)).not.toBeInTheDocument();
  });

  it("shows the finished run's quality histogram from its examples, with the server's threshold", async () => {
    server
      .on("POST", "/auto-train", { status: 202, body: finishedRun() })
      .on("GET", "/training/examples", {
        status: 200,
        body: page([example(), example({ id: 2, quality_score: 9.0 }), rejectedExample()]),
      });
    const { user } = renderPage({ qualityThreshold: 9.1 });
    await user.click(startButton());
    const chart = await within(await screen.findByTestId("results")).findByTestId("run-quality-histogram");
    expect(chart).toHaveAccessibleName(expect.stringMatching(/^Quality histogram of 3 scored examples: 1 at or above the 9.1 threshold/));
    const examplesCalls = server.callsTo("GET", "/training/examples").map((call) => call.path);
    expect(examplesCalls).toContain("/training/examples?user_id=alice&run=run-1");
  });

  it("offers the memory search only when the user has memory", async () => {
    renderPage();
    await screen.findByRole("button", { name: "Fantasy" });
    expect(screen.getByRole("heading", { name: "Try my model" })).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Search my memory" })).not.toBeInTheDocument();
    cleanup();
    server.on("GET", "/auto-train/runs", { status: 200, body: page([finishedRun({ stored_in_memory: true })]) });
    renderPage();
    expect(await screen.findByRole("heading", { name: "Search my memory" })).toBeInTheDocument();
  });
});
