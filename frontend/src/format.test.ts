import { describe, expect, it } from "vitest";

import { parseErrorBody } from "./api";
import { finishedRun, runSummary } from "./test/fakeServer";
import { formatDuration, formatPercent, humanize, measuredSecondsPerExample, remainingSeconds } from "./format";

describe("formatDuration", () => {
  it.each([
    [0.35, "350 ms"],
    [0.0004, "0 ms"],
    [0.9996, "1.0 s"],
    [4.2, "4.2 s"],
    [42, "42 s"],
    [185, "3 min 5 s"],
    [120, "2 min"],
    [3720, "1 h 2 min"],
    [-1, "–"],
  ])("%s s reads %s", (seconds, text) => expect(formatDuration(seconds)).toBe(text));
});

it("formats percentages and genre keys", () => {
  expect(formatPercent(18, 20)).toBe("90%");
  expect(formatPercent(0, 0)).toBe("0%");
  expect(humanize("dark_fantasy")).toBe("Dark fantasy");
  expect(humanize("sci_fi")).toBe("Sci-Fi");
});

it("measures the pace over succeeded runs only", () => {
  expect(measuredSecondsPerExample([])).toBeNull();
  const runs = [
    finishedRun({ total_requested: 20, total_time: 10 }),
    finishedRun({ total_requested: 20, total_time: 30 }),
    finishedRun({ status: "cancelled", total_requested: 100, total_time: 1 }),
    runSummary({ status: "running", total_time: 5 }),
  ];
  expect(measuredSecondsPerExample(runs)).toBe(1);
});

it("estimates the time left from the run's own pace", () => {
  expect(remainingSeconds(runSummary({ progress: { completed: 0, total: 20 } }))).toBeNull();
  expect(remainingSeconds(runSummary({ progress: { completed: 5, total: 20 }, total_time: 2 }))).toBe(6);
});

describe("parseErrorBody", () => {
  it("reads DRF's detail", () => {
    const error = parseErrorBody(429, { detail: "Request was throttled." });
    expect(error.message).toBe("Request was throttled.");
    expect(error.fieldErrors).toEqual({});
  });

  it("reads field errors, nested list errors included", () => {
    const error = parseErrorBody(400, { num_examples: ["Too big."], genres: { "1": ["Bad genre."] } });
    expect(error.fieldErrors).toEqual({ num_examples: ["Too big."], genres: ["Bad genre."] });
    expect(error.message).toBe("num_examples: Too big.");
  });

  it("falls back to a message by status for bodies that are not JSON", () => {
    expect(parseErrorBody(502, undefined).message).toBe("The server failed (502); please try again.");
  });
});
