// The owner's say over one kept example: leave it out of training (with a note saying why), or put it
// back. An excluded example leaves the readiness count, the exports, fine-tunes and memory search. The
// note belongs to the exclusion: restoring clears it, and the server refuses a note with a restore.

import { useState, type FormEvent } from "react";

import { formatWhen } from "../format";
import type { Example, ExampleCurationRequest } from "../types";
import { useAction } from "../useAction";

interface Props {
  example: Example;
  onUpdate: (body: ExampleCurationRequest) => Promise<void>;
}

export default function ExampleCuration({ example, onUpdate }: Props) {
  const [note, setNote] = useState("");
  const { busy: saving, error, run } = useAction();
  const noteId = `exclusion-note-${example.id}`;

  // A rejected example trains nothing already: there is nothing to exclude it from.
  if (!example.kept && !example.excluded) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    await run(async () => {
      await onUpdate(example.excluded ? { excluded: false } : { excluded: true, note: note.trim() });
      setNote("");
    });
  }

  return (
    <form className="curation" onSubmit={submit} aria-label="Use in training">
      <h4>Use in training</h4>
      {example.excluded ? (
        <p data-testid="exclusion">
          <strong>Excluded from training</strong>
          {example.excluded_by ? ` by ${example.excluded_by}` : ""}
          {example.excluded_at ? ` on ${formatWhen(example.excluded_at)}` : ""}
          {example.exclusion_note ? `: “${example.exclusion_note}”` : "."}
        </p>
      ) : (
        <p className="muted">This example is in your training data, exports and memory.</p>
      )}
      {example.excluded ? null : (
        <>
          <label htmlFor={noteId}>Why exclude it? (optional)</label>
          <textarea id={noteId} value={note} onChange={(event) => setNote(event.target.value)} rows={2} maxLength={1000} />
        </>
      )}
      <button type="submit" className={example.excluded ? undefined : "danger"} disabled={saving}>
        {saving ? "Saving…" : example.excluded ? "Restore to training" : "Exclude from training"}
      </button>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
