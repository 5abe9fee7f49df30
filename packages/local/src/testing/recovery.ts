import { Submission } from '@orders/core';
import type { LocalRuntime } from '../runtime';

/**
 * Re-announces what is still pending (and emits what was stored but not announced) and waits for it to settle, round after round, as the scheduled
 * recovery does on AWS: a submission the workflow left pending (its retries ran out on the platform's own
 * capacity or timing) is re-driven, never rejected. Answers how many were pending before each round.
 */
export async function recoverUntilSettled(runtime: LocalRuntime, maxRounds = 10): Promise<number[]> {
  const pendingPerRound: number[] = [];
  await runtime.idle();
  for (let round = 0; round < maxRounds; round++) {
    const { pending, reannounced } = await Submission.requeuePendingSubmissions({
      store: runtime.store,
      publisher: runtime.bus,
      busName: runtime.bus.name,
    });
    if (pending === 0 && reannounced.length === 0) break;
    pendingPerRound.push(pending);
    await runtime.idle();
  }
  return pendingPerRound;
}
