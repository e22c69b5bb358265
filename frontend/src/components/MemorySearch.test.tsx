import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, expect, it, vi } from "vitest";

import { createApi } from "../api";
import { FakeServer } from "../test/fakeServer";
import MemorySearch from "./MemorySearch";

let server: FakeServer;

beforeEach(() => {
  server = new FakeServer();
  vi.stubGlobal("fetch", server.fetch);
});

afterEach(() => vi.unstubAllGlobals());

it("searches the user's memory and lists the matches best first", async () => {
  server.on("GET", "/memory/search", {
    status: 200,
    body: {
      results: [
        { example_id: 3, text: "The storm took the lamp.", genre: "dark_fantasy", quality_score: 9.1, score: 0.91 },
        { example_id: 5, text: "A quiet harbour.", genre: "mystery", quality_score: null, score: 0.42 },
      ],
    },
  });
  const user = userEvent.setup();
  render(<MemorySearch api={createApi()} userId="alice" />);
  await user.type(screen.getByLabelText("Look for"), "storm & lamp");
  await user.selectOptions(screen.getByLabelText("Matches"), "10");
  await user.click(screen.getByRole("button", { name: "Search" }));
  const items = (await screen.findByTestId("memory-results")).querySelectorAll("li");
  expect(items).toHaveLength(2);
  expect(items[0]).toHaveTextContent("Dark fantasy · similarity 0.91 · quality 9.1");
  expect(items[0]).toHaveTextContent("The storm took the lamp.");
  expect(items[1]).toHaveTextContent("Mystery · similarity 0.42");
  expect(server.callsTo("GET", "/memory/search")[0].path).toBe("/memory/search?user_id=alice&q=storm+%26+lamp&k=10");
});

it("says when nothing matches, and when the search fails", async () => {
  server.on("GET", "/memory/search", { status: 200, body: { results: [] } }, {
    status: 503,
    body: { detail: "The embeddings endpoint is not answering; try again later." },
  });
  const user = userEvent.setup();
  render(<MemorySearch api={createApi()} userId="alice" />);
  await user.click(screen.getByRole("button", { name: "Search" }));
  expect(screen.getByRole("alert")).toHaveTextContent("Type something to look for.");
  await user.type(screen.getByLabelText("Look for"), "nothing");
  await user.click(screen.getByRole("button", { name: "Search" }));
  expect(await screen.findByText("Nothing in your memory matches.")).toBeInTheDocument();
  await user.click(screen.getByRole("button", { name: "Search" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("The embeddings endpoint is not answering");
});
