import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, expect, it, vi } from "vitest";

import { attachmentName, createApi } from "../api";
import Downloads from "./Downloads";

const JSONL = '{"messages": []}\n{"messages": []}\n';
let fetchMock: ReturnType<typeof vi.fn>;
let saved: { blob: Blob; name: string }[];

beforeEach(() => {
  saved = [];
  fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input), "http://page.test");
    if (url.searchParams.get("format") === "hf") {
      return new Response(JSON.stringify({ format: ['"hf" is not a valid choice.'] }), { status: 400 });
    }
    if (url.searchParams.get("format") === "alpaca") {
      return new Response(JSON.stringify({ detail: "The server failed." }), { status: 500 });
    }
    return new Response(JSONL, {
      status: 200,
      headers: {
        "Content-Type": "application/jsonl; charset=utf-8",
        "Content-Disposition": `attachment; filename="zega-alice-${url.searchParams.get("format")}.jsonl"`,
      },
    });
  });
  vi.stubGlobal("fetch", fetchMock);
  let made = 0;
  const urls = new Map<string, Blob>();
  // jsdom has no object URLs.
  URL.createObjectURL = vi.fn((blob: Blob) => {
    const url = `blob:test/${++made}`;
    urls.set(url, blob);
    return url;
  });
  URL.revokeObjectURL = vi.fn();
  // jsdom does not download: record what the page asked the browser to save.
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ blob: urls.get(this.href)!, name: this.download });
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  delete (URL as { createObjectURL?: unknown }).createObjectURL;
  delete (URL as { revokeObjectURL?: unknown }).revokeObjectURL;
});

it("offers the four formats", () => {
  render(<Downloads api={createApi()} userId="alice" />);
  for (const name of ["OpenAI JSONL", "Alpaca JSONL", "ShareGPT JSONL", "Hugging Face dataset (zip)"]) {
    expect(screen.getByRole("button", { name: `Download ${name}` })).toBeEnabled();
  }
});

it("downloads a JSONL export with the session under the server's file name", async () => {
  const user = userEvent.setup();
  render(<Downloads api={createApi()} userId="alice" />);
  await user.click(screen.getByRole("button", { name: "Download ShareGPT JSONL" }));
  await waitFor(() => expect(saved).toHaveLength(1));
  const [input, init] = fetchMock.mock.calls[0];
  expect(String(input)).toBe("/training/export?user_id=alice&format=sharegpt");
  expect(init.credentials).toBe("same-origin");
  expect(saved[0].name).toBe("zega-alice-sharegpt.jsonl");
  expect(await saved[0].blob.text()).toBe(JSONL);
  expect(screen.getByRole("status")).toHaveTextContent("Downloaded zega-alice-sharegpt.jsonl.");
});

it("says when a format is not on this server", async () => {
  const user = userEvent.setup();
  render(<Downloads api={createApi()} userId="alice" />);
  await user.click(screen.getByRole("button", { name: "Download Hugging Face dataset (zip)" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("Hugging Face dataset (zip) is not available on this server yet.");
  expect(saved).toHaveLength(0);
});

it("shows other failures as the server said them", async () => {
  const user = userEvent.setup();
  render(<Downloads api={createApi()} userId="alice" />);
  await user.click(screen.getByRole("button", { name: "Download Alpaca JSONL" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("The server failed.");
  expect(screen.getByRole("button", { name: "Download Alpaca JSONL" })).toBeEnabled();
});

it("reads the file name from Content-Disposition", () => {
  expect(attachmentName('attachment; filename="zega-bob-hf.zip"', "x")).toBe("zega-bob-hf.zip");
  expect(attachmentName("attachment; filename*=UTF-8''zega-%C3%A9.jsonl", "x")).toBe("zega-é.jsonl");
  expect(attachmentName(null, "fallback.jsonl")).toBe("fallback.jsonl");
});
