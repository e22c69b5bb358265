import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
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

it("bins the scores, kept over rejected, with the threshold drawn", () => {
  render(<QualityHistogram items={items} threshold={7} caption="Scores" />);
  const chart = screen.getByRole("img", { name: /quality histogram/i });
  expect(chart).toHaveAccessibleName(
    "Quality histogram of 6 scored examples: 4 at or above the 7.0 threshold, 2 below; scores from 2.0 to 10.0, median 8.1.",
  );
  const bins = Object.fromEntries([...chart.querySelectorAll("g[data-bin]")].map((g) => [g.getAttribute("data-bin"), g.getAttribute("data-count")]));
  // From a point under the lowest score, in quarter points; 10.0 falls in the last bin, not past the end.
  expect(bins).toEqual({ "2.00": "1", "6.75": "1", "8.00": "1", "9.25": "2", "9.75": "1" });
  expect(chart.querySelector('g[data-bin="6.75"] .bin-rejected')).not.toBeNull();
  expect(chart.querySelector('g[data-bin="6.75"] .bin-kept')).toBeNull();
  // The axis runs 1..10 over x 28..392: the threshold sits 6/9 of the way.
  const line = screen.getByTestId("quality-histogram-threshold");
  expect(Number(line.getAttribute("x1"))).toBeCloseTo(28 + (6 / 9) * 364);
  expect([...chart.querySelectorAll("text.tick")].map((tick) => tick.textContent)).toEqual(
    expect.arrayContaining(["2", "4", "6", "8", "10"]),
  );
  expect(chart).toHaveTextContent("threshold 7.0");
  expect(screen.getByText(/4 of 6 at or above 7.0/)).toBeInTheDocument();
});

it("zooms in on scores bunched near the top, the threshold on a bin edge", () => {
  const bunched = [
    { score: 9.0, kept: false },
    { score: 9.0, kept: false },
    { score: 9.1, kept: true },
    { score: 9.3, kept: true },
  ];
  render(<QualityHistogram items={bunched} threshold={9.1} caption="Scores" />);
  const chart = screen.getByRole("img", { name: /quality histogram/i });
  const bins = Object.fromEntries([...chart.querySelectorAll("g[data-bin]")].map((g) => [g.getAttribute("data-bin"), g.getAttribute("data-count")]));
  expect(bins).toEqual({ "9.00": "2", "9.10": "1", "9.30": "1" });
  // The axis runs 8..10: 9.1 is 11/20 of the way, where the 9.10 bin starts.
  expect(Number(screen.getByTestId("quality-histogram-threshold").getAttribute("x1"))).toBeCloseTo(28 + 0.55 * 364);
  expect(chart).toHaveAccessibleName(expect.stringContaining("2 at or above the 9.1 threshold, 2 below"));
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
    await userEvent.setup().click(screen.getByRole("button", { name: "Show the quality spread of all your examples" }));
    await waitFor(() => expect(screen.getByText("Quality scores of your newest 4 of 500 examples")).toBeInTheDocument());
    expect(server.callsTo("GET", "/training/examples")).toHaveLength(2);
  });
});
