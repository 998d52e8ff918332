import { useState } from 'preact/hooks';
import { actionError } from '../lib/api';

/** An action saved at once (a visit's PMU row, a group link): busy while it runs, a refusal as one red line. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  /** Runs the action; true when it went through, false when it was refused (the message is in `error`). */
  async function run(action: () => Promise<void>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (e) {
      setError(actionError(e));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, setError, run };
}
