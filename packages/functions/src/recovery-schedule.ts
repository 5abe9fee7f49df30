import {
  oldestPendingReceivedAt,
  type RecoveryReport,
  requeuePendingSubmissions,
} from '@orders/core/submission/recover';
import type { SubmitDependencies } from '@orders/core/submission/submit';
import { awsPublisher } from './aws/publisher';
import { awsStore } from './aws/store';
import { readConfig } from './config';
import { lazy } from './lazy';
import { instrument, logger, recordOldestPendingAge } from './observability';

export interface RecoveryDependencies extends SubmitDependencies {
  /** Submissions pending at least this long are announced again. */
  minAgeMs: number;
  now?: () => Date;
}

/**
 * Target of the recovery schedule: announces submissions stuck pending again (the code `pnpm recover --aws`
 * runs) and publishes the age of the oldest one, which its alarm watches. The schedule's input is unused.
 */
export function createRecoveryHandler(deps: RecoveryDependencies) {
  return instrument('Recovery', async (_input: unknown): Promise<RecoveryReport> => {
    const now = deps.now?.() ?? new Date();
    recordOldestPendingAge(await oldestPendingReceivedAt(deps.store), now);
    const report = await requeuePendingSubmissions(deps, { minAgeMs: deps.minAgeMs, now });
    if (report.pending > 0) logger.warn('pending submissions announced again', { count: report.pending });
    return report;
  });
}

export const handler = lazy(() =>
  createRecoveryHandler({
    store: awsStore(),
    publisher: awsPublisher(),
    busName: readConfig().EVENT_BUS_NAME,
    minAgeMs: readConfig().RECOVERY_MIN_AGE_MINUTES * 60_000,
  }),
);
