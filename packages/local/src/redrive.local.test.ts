import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Events } from '@orders/core';
import { afterEach, describe, expect, it } from 'vitest';
import { deadLetterFile, redriveLocal } from './dead-letter-redrive';
import { type LocalRuntimeOptions, startLocalRuntime } from './runtime';
import { countStatuses, expectAllAccountedFor, type SubmittedRef } from './testing/invariants';
import { mixedLoad } from './testing/mixed-load';
import { submit } from './testing/submit';

let localDir: string;
afterEach(() => {
  if (localDir !== undefined) rmSync(localDir, { recursive: true, force: true });
});

/** The runtime as `pnpm start` runs it on a state directory, dead letters kept on disk. */
function onDisk(dir: string, extra: Partial<LocalRuntimeOptions> = {}): LocalRuntimeOptions {
  return {
    dataDir: join(dir, 'dynamodb'),
    executionLogFile: join(dir, 'executions.jsonl'),
    ...extra,
    bus: { deadLetterFile: deadLetterFile(dir), retryBaseDelayMs: 5, ...extra.bus },
  };
}

describe('pnpm redrive on the local state', () => {
  it('puts the dead letters a stopped run kept back on the bus, where they settle, and empties the list', async () => {
    localDir = mkdtempSync(join(tmpdir(), 'orders-redrive-'));
    let injected = 0;
    // The rule's dead-letter queue takes delivery failures: the OrderRejected rule cannot reach its target.
    const failing = await startLocalRuntime(
      onDisk(localDir, {
        bus: {
          failDelivery: (rule) => {
            if (rule !== Events.rules.orderRejected.name) return false;
            injected++;
            return true;
          },
        },
      }),
    );
    const submitted: SubmittedRef[] = await Promise.all(
      mixedLoad(60).map(async ({ partnerId, payload }) => {
        const [submission] = await submit(failing, partnerId, [payload]);
        return { partnerId, submissionId: submission?.submissionId ?? '' };
      }),
    );
    await failing.idle();
    const deadLetters = failing.bus.deadLetters.length;
    expect(deadLetters).toBeGreaterThan(0);
    expect(injected).toBeGreaterThanOrEqual(deadLetters);
    expect((await countStatuses(failing.store, submitted)).pending).toBe(deadLetters);
    await failing.stop();
    const kept = readFileSync(deadLetterFile(localDir), 'utf8').trim().split('\n');
    expect(kept).toHaveLength(deadLetters);

    expect(await redriveLocal(localDir)).toEqual({ redriven: deadLetters, refused: 0, unreadable: 0 });

    const after = await startLocalRuntime(onDisk(localDir));
    try {
      expect(after.bus.deadLetters).toEqual([]);
      await expectAllAccountedFor(after.store, submitted);
    } finally {
      await after.stop();
    }
    expect(existsSync(deadLetterFile(localDir))).toBe(true);
    expect(readFileSync(deadLetterFile(localDir), 'utf8')).toBe('');
  }, 180_000);
});
