import { render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { createApi } from "../api";
import { example, rejectedExample } from "../test/fixtures";
import { FakeServer } from "../test/fakeServer";
import QualityHistogram from "./QualityHistogram";
import RunQuality from "./RunQuality";

const items = [
  { score: 9.3, kept: true },
  { score: 9.4, kept: true },
  { score: 8.1, kept: true },
  { score: 6.9, kept: false },
  { score: 2.0, kept: false },
  { score: 10, kept: true },
];

it("bins the scores by half points, kept over rejected, with the threshold drawn", () => {
  render(<QualityHistogram items={items} threshold={7} caption="Scores" />);
  const chart = screen.getByRole("img", { name: /quality histogram/i });
  expect(chart).toHaveAccessibleName(
    "Quality histogram of 6 scored examples: 4 at or above the 7.0 threshold, 2 below; scores from 2.0 to 10.0, median 8.1.",
  );
  const bins = Object.fromEntries([...chart.querySelectorAll("g[data-bin]")].map((g) => [g.getAttribute("data-bin"), g.getAttribute("data-count")]));
  // 10.0 falls in the last bin, not past the end.
  expect(bins).toEqual({ "2.0": "1", "6.5": "1", "8.0": "1", "9.0": "2", "9.5": "1" });
  expect(chart.querySelector('g[data-bin="6.5"] .bin-rejected')).not.toBeNull();
  expect(chart.querySelector('g[data-bin="6.5"] .bin-kept')).toBeNull();
  // The threshold sits at 7/10 of the plot (x from 28 to 392).
  const line = screen.getByTestId("quality-histogram-threshold");
  expect(Number(line.getAttribute("x1"))).toBeCloseTo(28 + 0.7 * 364);
  expect(chart).toHaveTextContent("threshold 7.0");
  expect(screen.getByText(/4 of 6 at or above 7.0/)).toBeInTheDocument();
});

it("says when there is nothing to draw", () => {
  render(<QualityHistogram items={[]} threshold={7} caption="Scores" />);
  expect(screen.queryByRole("img")).not.toBeInTheDocument();
  expect(screen.getByText(/no scored examples yet/i)).toBeInTheDocument();
});

describe("RunQuality", () => {
  let server: FakeServer;
  beforeEach(() => {
    server = new FakeServer();
    vi.stubGlobal("fetch", server.fetch);
  });
  afterEach(() => vi.unstubAllGlobals());

  it("reads every page of a run's examples", async () => {
    server.on(
      "GET",
      "/training/examples",
      { status: 200, body: { count: 3, next: "http://x/training/examples?page=2", previous: null, results: [example(), rejectedExample()] } },
      { status: 200, body: { count: 3, next: null, previous: "http://x/", results: [example({ id: 3, quality_score: null, kept: false })] } },
    );
    render(<RunQuality api={createApi()} userId="alice" threshold={7} runId="run-1" />);
    const chart = await screen.findByTestId("run-quality-histogram");
    // The example with no score (nothing generated) is not drawn.
    expect(chart).toHaveAccessibleName(expect.stringContaining("of 2 scored examples: 1 at or above"));
    expect(server.callsTo("GET", "/training/examples").map((call) => call.path)).toEqual([
      "/training/examples?user_id=alice&run=run-1",
      "/training/examples?user_id=alice&run=run-1&page=2",
    ]);
    expect(screen.getByText("Quality scores of this run's examples")).toBeInTheDocument();
  });

  it("reads all of the user's examples only when asked, up to a cap", async () => {
    server.on("GET", "/training/examples", {
      status: 200,
      body: { count: 500, next: "http://x/training/examples?page=2", previous: null, results: [example(), example({ id: 2 })] },
    });
    render(<RunQuality api={createApi()} userId="alice" threshold={7} runId={null} limit={4} />);
    expect(server.callsTo("GET", "/training/examples")).toHaveLength(0);
    screen.getByRole("button", { name: "Show the quality spread of all your examples" }).click();
    await waitFor(() => expect(screen.getByText("Quality scores of your newest 4 of 500 examples")).toBeInTheDocument());
    expect(server.callsTo("GET", "/training/examples")).toHaveLength(2);
  });
});
