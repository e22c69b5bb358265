import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { createApi } from "../api";
import { example, rejectedExample } from "../test/fixtures";
import { FakeServer, GENRES, finishedRun, page } from "../test/fakeServer";
import ExampleBrowser from "./ExampleBrowser";

let server: FakeServer;

beforeEach(() => {
  server = new FakeServer();
  vi.stubGlobal("fetch", server.fetch);
  document.cookie = "csrftoken=cookie-token";
});

afterEach(() => {
  vi.unstubAllGlobals();
  document.cookie = "csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT";
});

function renderBrowser(props: Partial<Parameters<typeof ExampleBrowser>[0]> = {}) {
  const onChanged = vi.fn();
  const user = userEvent.setup();
  render(
    <ExampleBrowser
      api={createApi()}
      userId="alice"
      runs={[finishedRun({ id: "run-1" }), finishedRun({ id: "run-2", created_at: "2026-11-24T09:00:00Z" })]}
      genres={GENRES.details}
      focusRunId={null}
      onChanged={onChanged}
      {...props}
    />,
  );
  return { user, onChanged };
}

const query = (call: { path: string }) => Object.fromEntries(new URL(call.path, "http://x").searchParams);

describe("listing", () => {
  it("asks for the user's examples and lists them with score, fate and genre", async () => {
    server.on("GET", "/training/examples", { status: 200, body: page([example(), rejectedExample()]) });
    renderBrowser();
    const rows = await screen.findAllByTestId("example-row");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("9.3");
    expect(rows[0]).toHaveTextContent("Kept");
    expect(rows[0]).toHaveTextContent("Fantasy");
    expect(rows[1]).toHaveTextContent("Rejected");
    expect(rows[1]).toHaveTextContent("Horror");
    expect(query(server.callsTo("GET", "/training/examples")[0])).toEqual({ user_id: "alice" });
    expect(screen.getByTestId("examples-count")).toHaveTextContent("2 examples, page 1 of 1");
  });

  it("filters by run, genre and fate, and orders by score on the server", async () => {
    server.on("GET", "/training/examples", { status: 200, body: page([example()]) });
    const { user } = renderBrowser();
    await screen.findAllByTestId("example-row");
    await user.selectOptions(screen.getByLabelText("Run"), "run-2");
    await user.selectOptions(screen.getByLabelText("Genre"), "horror");
    await user.selectOptions(screen.getByLabelText("Kept or rejected"), "rejected");
    await user.selectOptions(screen.getByLabelText("Order"), "best");
    await waitFor(() =>
      expect(query(server.callsTo("GET", "/training/examples").at(-1)!)).toEqual({
        user_id: "alice",
        run: "run-2",
        genre: "horror",
        kept: "false",
        ordering: "-quality_score",
      }),
    );
    await user.selectOptions(screen.getByLabelText("Kept or rejected"), "excluded");
    await user.selectOptions(screen.getByLabelText("Order"), "worst");
    await waitFor(() =>
      expect(query(server.callsTo("GET", "/training/examples").at(-1)!)).toMatchObject({
        excluded: "true",
        ordering: "quality_score",
      }),
    );
    expect(query(server.callsTo("GET", "/training/examples").at(-1)!)).not.toHaveProperty("kept");
  });

  it("follows the run the page shows, and says when it is still going", async () => {
    server.on("GET", "/training/examples", { status: 200, body: page([]) });
    renderBrowser({ focusRunId: "run-2", focusRunActive: true });
    expect(await screen.findByText("No examples match.")).toBeInTheDocument();
    expect(screen.getByTestId("run-still-going")).toBeInTheDocument();
    expect(screen.getByLabelText("Run")).toHaveValue("run-2");
    expect(query(server.callsTo("GET", "/training/examples")[0])).toMatchObject({ run: "run-2" });
  });

  it("pages through the examples", async () => {
    server.on(
      "GET",
      "/training/examples",
      {
        status: 200,
        body: {
          count: 21,
          next: "http://x/training/examples?page=2",
          previous: null,
          results: Array.from({ length: 20 }, (_, index) => example({ id: index + 2 })),
        },
      },
      { status: 200, body: { count: 21, next: null, previous: "http://x/training/examples", results: [rejectedExample()] } },
    );
    const { user } = renderBrowser();
    expect(await screen.findAllByTestId("example-row")).toHaveLength(20);
    expect(screen.getByTestId("examples-count")).toHaveTextContent("21 examples, page 1 of 2");
    expect(screen.getByRole("button", { name: "Previous page" })).toBeDisabled();
    await user.click(screen.getByRole("button", { name: "Next page" }));
    await waitFor(() => expect(screen.getByTestId("examples-count")).toHaveTextContent("21 examples, page 2 of 2"));
    expect(query(server.callsTo("GET", "/training/examples")[1])).toMatchObject({ page: "2" });
    expect(screen.getByTestId("example-row")).toHaveTextContent("Rejected");
    expect(screen.getByRole("button", { name: "Next page" })).toBeDisabled();
  });

  it("says so when the examples cannot be read", async () => {
    server.on("GET", "/training/examples", { status: 500, body: { detail: "boom" } });
    renderBrowser();
    expect(await screen.findByText(/could not load the examples: boom/i)).toBeInTheDocument();
  });
});

describe("an opened example", () => {
  it("shows why a rejected one was rejected, its breakdown and every writer's vote", async () => {
    server.on("GET", "/training/examples", { status: 200, body: page([example(), rejectedExample()]) });
    const { user } = renderBrowser();
    const rows = await screen.findAllByTestId("example-row");
    const open = within(rows[1]).getByRole("button", { expanded: false });
    await user.click(open);
    expect(open).toHaveAttribute("aria-expanded", "true");
    const detail = screen.getByTestId("example-detail");
    expect(within(detail).getByTestId("reject-reason")).toHaveTextContent(
      "Why it was rejected: Below the quality threshold (its score: 2.0)",
    );
    expect(within(detail).getByTestId("reject-reason")).toHaveTextContent("repetitive: 4 of 4 sentences repeat");
    expect(detail).toHaveTextContent("A dragon who collects broken promises");
    expect(detail).toHaveTextContent("Write it in second person");
    const breakdown = within(detail).getByTestId("score-breakdown");
    expect(within(breakdown).getByRole("row", { name: /Repetitive/ })).toHaveTextContent("−5.0");
    expect(within(breakdown).getByRole("row", { name: /Quality score/ })).toHaveTextContent("2.0");
    expect(within(detail).getByTestId("votes")).toHaveTextContent("offline-noir (chosen)2.0");
    expect(detail).toHaveTextContent("offline-lyric failed: HTTP 500 from the server");
    // Nothing to exclude a rejected example from.
    expect(within(detail).queryByRole("button", { name: "Exclude from training" })).not.toBeInTheDocument();
  });

  it("shows the jury's marks and reasons when there was a jury", async () => {
    const judged = rejectedExample({
      reject_reason: "judge",
      reject_detail: "judge-a: flat characters",
      judge_status: "judged",
      judge_score: 5.5,
      candidates: [{ model: "offline-noir", score: 2.0, judge_score: 5.5, error: null, chars: 44, won: true }],
      judgements: {
        "judge-a": { prompt_adherence: 6, genre_fit: 5, prose: 5, completeness: 6, verdict: "reject", reason: "flat characters" },
      },
    });
    server.on("GET", "/training/examples", { status: 200, body: page([judged]) });
    const { user } = renderBrowser();
    await user.click(within(await screen.findByTestId("example-row")).getByRole("button"));
    expect(screen.getByTestId("reject-reason")).toHaveTextContent("Rejected by the LLM jury");
    expect(screen.getByTestId("judge-status")).toHaveTextContent("Judged: 5.5 / 10");
    const row = within(screen.getByTestId("judgements")).getByRole("row", { name: /judge-a/ });
    expect(row).toHaveTextContent("reject");
    expect(row).toHaveTextContent("flat characters");
    expect(within(screen.getByTestId("votes")).getByRole("row", { name: /offline-noir/ })).toHaveTextContent("2.05.5");
  });

  it("shows the raw answer when cleaning changed it", async () => {
    server.on("GET", "/training/examples", {
      status: 200,
      body: page([example({ raw_text: "Sure! Here's a story:\n\nYou find the dragon at dusk, counting promises like coins." })]),
    });
    const { user } = renderBrowser();
    await user.click(within(await screen.findByTestId("example-row")).getByRole("button"));
    expect(screen.getByText(/the writer's raw answer/i)).toBeInTheDocument();
    expect(screen.getByText(/Sure! Here's a story:/)).toBeInTheDocument();
  });

  it("excludes a kept example with a note, marks it, and restores it without one", async () => {
    const excluded = example({
      excluded: true,
      excluded_by: "alice",
      excluded_at: "2026-11-25T11:00:00Z",
      exclusion_note: "too close to my published story",
    });
    server
      .on("GET", "/training/examples", { status: 200, body: page([example()]) })
      .on("PATCH", "/training/examples/1", { status: 200, body: excluded }, { status: 200, body: example() });
    const { user, onChanged } = renderBrowser();
    const row = await screen.findByTestId("example-row");
    await user.click(within(row).getByRole("button"));
    await user.type(screen.getByLabelText("Why exclude it? (optional)"), "too close to my published story");
    await user.click(screen.getByRole("button", { name: "Exclude from training" }));

    await waitFor(() => expect(screen.getByTestId("exclusion")).toHaveTextContent("Excluded from training by alice"));
    expect(screen.getByTestId("exclusion")).toHaveTextContent("“too close to my published story”");
    expect(row).toHaveAttribute("data-excluded", "true");
    expect(within(row).getByRole("button", { expanded: true })).toHaveTextContent("Excluded");
    const [patch] = server.callsTo("PATCH", "/training/examples/1");
    expect(patch.body).toEqual({ excluded: true, note: "too close to my published story" });
    expect(patch.headers.get("X-CSRFToken")).toBe("cookie-token");
    expect(onChanged).toHaveBeenCalledTimes(1);

    await user.click(screen.getByRole("button", { name: "Restore to training" }));
    await waitFor(() => expect(row).toHaveAttribute("data-excluded", "false"));
    expect(server.callsTo("PATCH", "/training/examples/1")[1].body).toEqual({ excluded: false });
    expect(onChanged).toHaveBeenCalledTimes(2);
  });

  it("shows the server's refusal of a curation", async () => {
    server
      .on("GET", "/training/examples", { status: 200, body: page([example()]) })
      .on("PATCH", "/training/examples/1", { status: 400, body: { note: ["Ensure this field has no more than 1000 characters."] } });
    const { user, onChanged } = renderBrowser();
    await user.click(within(await screen.findByTestId("example-row")).getByRole("button"));
    await user.click(screen.getByRole("button", { name: "Exclude from training" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("note: Ensure this field has no more than 1000 characters.");
    expect(screen.getByTestId("example-row")).toHaveAttribute("data-excluded", "false");
    expect(onChanged).not.toHaveBeenCalled();
  });
});
