import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, expect, it, vi } from "vitest";

import { createApi } from "../api";
import { FakeServer, GENRES } from "../test/fakeServer";
import TryModel from "./TryModel";

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

function renderBox(hasMemory: boolean) {
  const user = userEvent.setup();
  render(<TryModel api={createApi()} userId="alice" genres={GENRES.details} hasMemory={hasMemory} />);
  return user;
}

it("sends the prompt and genre and shows the story with what wrote it", async () => {
  server.on("POST", "/generate", {
    status: 200,
    body: { text: "The lighthouse blinked twice.", model: "zega-alice", writer: "offline", custom_model: true, memory_used: [] },
  });
  const user = renderBox(false);
  expect(screen.queryByLabelText(/closest stored examples/)).not.toBeInTheDocument();
  await user.type(screen.getByLabelText("Prompt"), "  A lighthouse that signals to the dead ");
  await user.selectOptions(screen.getByLabelText("Genre"), "mystery");
  await user.click(screen.getByRole("button", { name: "Write a story" }));
  expect(await screen.findByTestId("generated-text")).toHaveTextContent("The lighthouse blinked twice.");
  expect(screen.getByTestId("writer")).toHaveTextContent("Written by offline (your custom model)");
  expect(screen.getByText("No memory passages were used.")).toBeInTheDocument();
  const [call] = server.callsTo("POST", "/generate");
  expect(call.body).toEqual({ user_id: "alice", prompt: "A lighthouse that signals to the dead", genre: "mystery", use_memory: false });
  expect(call.headers.get("X-CSRFToken")).toBe("cookie-token");
});

it("shows the memory passages the writer was given, with their texts from the search", async () => {
  server
    .on("POST", "/generate", {
      status: 200,
      body: { text: "A story.", model: "offline-lyric", writer: "offline", custom_model: false, memory_used: [7, 9] },
    })
    .on("GET", "/memory/search", {
      status: 200,
      body: {
        results: [
          { example_id: 9, text: "Passage nine.", genre: "fantasy", quality_score: 9, score: 0.8 },
          { example_id: 4, text: "Not used.", genre: "fantasy", quality_score: 9, score: 0.5 },
          { example_id: 7, text: "Passage seven.", genre: "horror", quality_score: 8.5, score: 0.4 },
        ],
      },
    });
  const user = renderBox(true);
  await user.type(screen.getByLabelText("Prompt"), "dragons");
  await user.click(screen.getByRole("button", { name: "Write a story" }));
  const used = await screen.findByTestId("memory-used");
  await waitFor(() => expect(used).toHaveTextContent("Passage seven."));
  expect(used).toHaveTextContent("Example #7");
  expect(used).toHaveTextContent("Passage nine.");
  expect(used).not.toHaveTextContent("Not used.");
  expect(screen.getByTestId("writer")).toHaveTextContent("(no custom model yet: the ensemble wrote it)");
  expect(server.callsTo("POST", "/generate")[0].body).toMatchObject({ genre: null, use_memory: true });
  expect(server.callsTo("GET", "/memory/search")[0].path).toBe("/memory/search?user_id=alice&q=dragons&k=5");
});

it("asks for a prompt before sending, and shows the server's errors", async () => {
  server.on("POST", "/generate", { status: 502, body: { detail: "No writer produced a story: offline-a: boom" } });
  const user = renderBox(false);
  await user.click(screen.getByRole("button", { name: "Write a story" }));
  expect(screen.getByRole("alert")).toHaveTextContent("Write a prompt first");
  expect(server.callsTo("POST", "/generate")).toHaveLength(0);
  await user.type(screen.getByLabelText("Prompt"), "x");
  await user.click(screen.getByRole("button", { name: "Write a story" }));
  await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("No writer produced a story: offline-a: boom"));
});
