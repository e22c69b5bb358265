// The user's kept, non-excluded examples as a file: JSONL for OpenAI, Alpaca or ShareGPT fine-tuning, or
// a Hugging Face dataset zip. Fetched with the session rather than a plain link, so a refusal shows here
// as a message instead of a downloaded error page.

import { useState } from "react";

import { ApiError, type Api } from "../api";
import type { ExportFormat } from "../types";
import { errorMessage } from "../useAction";

interface Props {
  api: Api;
  userId: string;
}

const FORMATS: { format: ExportFormat; label: string; hint: string }[] = [
  { format: "openai", label: "OpenAI JSONL", hint: "chat messages, for OpenAI fine-tuning" },
  { format: "alpaca", label: "Alpaca JSONL", hint: "instruction / input / output" },
  { format: "sharegpt", label: "ShareGPT JSONL", hint: "conversations, for most open-source trainers" },
  { format: "hf", label: "Hugging Face dataset (zip)", hint: "train and validation splits with a dataset card" },
];

function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The click has handed the blob to the browser's download; the URL can go once that has started.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export default function Downloads({ api, userId }: Props) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function download(format: ExportFormat, label: string) {
    setBusy(format);
    setError(null);
    setMessage(null);
    try {
      const { blob, filename } = await api.exportDataset(userId, format);
      save(blob, filename);
      setMessage(`Downloaded ${filename}.`);
    } catch (caught) {
      // A server without this format answers 404 (no export at all) or 400 on `format` (not this one).
      const unknown = caught instanceof ApiError && (caught.status === 404 || (caught.status === 400 && "format" in caught.fieldErrors));
      if (unknown) setError(`${label} is not available on this server yet.`);
      else setError(errorMessage(caught));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card" aria-labelledby="downloads-heading" data-testid="downloads">
      <h2 id="downloads-heading">Download your dataset</h2>
      <p className="muted">Your kept examples, without the ones you excluded.</p>
      <ul className="downloads">
        {FORMATS.map(({ format, label, hint }) => (
          <li key={format}>
            <button type="button" className="secondary" onClick={() => download(format, label)} disabled={busy !== null}>
              {busy === format ? "Preparing…" : `Download ${label}`}
            </button>{" "}
            <span className="muted">{hint}</span>
          </li>
        ))}
      </ul>
      {message ? (
        <p role="status" className="muted">
          {message}
        </p>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
