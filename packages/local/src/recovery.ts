import { Submission } from '@orders/core';
import type { LocalRuntime } from './runtime';

export interface RecoveryTimerOptions {
  /** How often dead letters are delivered again. */
  deadLetterIntervalMs?: number;
  /** How often pending submissions are looked for and announced again. */
  pendingIntervalMs?: number;
  /**
   * Only submissions pending at least this long: younger ones are most likely still on their way through
   * the workflow (announcing one again is harmless, the workflow is idempotent per submission, but wasted).
   */
  pendingMinAgeMs?: number;
  /** Told what each pass did, when it did anything; and told of a pass that failed (the next one runs anyway). */
  onPass?: (pass: { deadLetters: number; pending: number }) => void;
  onError?: (error: unknown) => void;
}

const defaults = {
  deadLetterIntervalMs: 60_000,
  pendingIntervalMs: 5 * 60_000,
  pendingMinAgeMs: 10 * 60_000,
};

/**
 * While the product runs, redrives the bus's dead letters and re-announces submissions left pending (a
 * lost publish, an execution that died), each on its own timer, as on AWS the rule's DLQ redrive and
 * `pnpm recover --aws` on a schedule would. A pass never overlaps the previous one of its kind. Answers a
 * function that stops both timers and waits for a running pass to end.
 */
export function startRecoveryTimers(
  runtime: LocalRuntime,
  options: RecoveryTimerOptions = {},
): () => Promise<void> {
  const settings = { ...defaults, ...options };
  const running = new Set<Promise<void>>();
  const every = (intervalMs: number, pass: () => Promise<void>) => {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      const run = pass()
        .catch((error: unknown) => options.onError?.(error))
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    }, intervalMs);
    // The timers alone never keep the process alive.
    timer.unref();
    return timer;
  };

  const timers = [
    every(settings.deadLetterIntervalMs, async () => {
      const deadLetters = runtime.bus.redriveDeadLetters();
      if (deadLetters > 0) options.onPass?.({ deadLetters, pending: 0 });
    }),
    every(settings.pendingIntervalMs, async () => {
      const { pending } = await Submission.requeuePendingSubmissions(
        { store: runtime.store, publisher: runtime.bus, busName: runtime.bus.name },
        { minAgeMs: settings.pendingMinAgeMs },
      );
      if (pending > 0) options.onPass?.({ deadLetters: 0, pending });
    }),
  ];
  return async () => {
    for (const timer of timers) clearInterval(timer);
    await Promise.allSettled([...running]);
  };
}
