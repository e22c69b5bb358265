// One thing the user asked of the server: busy while it runs, and what went wrong when it failed.

import { useState } from "react";

/** The message of whatever a failed request threw. */
export function errorMessage(caught: unknown): string {
  return caught instanceof Error ? caught.message : String(caught);
}

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  /** Runs `action` with `busy` set and the last error cleared; a failure becomes `error`. */
  async function run(action: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, setError, run };
}
