import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Submission } from '@orders/core';
import { partnerAPayload } from '@orders/core/testing/orders';
import { PartnerKeys } from '@orders/functions';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startLocalApp } from './app';
import { LocalBus } from './bus';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function aDeadLetterFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dead-letters-'));
  dirs.push(dir);
  return join(dir, 'dead-letters.jsonl');
}

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '');

const anEntry = (n: number) => ({
  EventBusName: 'orders',
  Source: 'orders.partner-a',
  DetailType: 'OrderSubmitted',
  Detail: JSON.stringify({ n }),
});

describe('the local dead letters', () => {
  it('survive a restart of the bus, are delivered again, and leave the file compacted', async () => {
    const deadLetterFile = aDeadLetterFile();
    const before = new LocalBus({ deadLetterFile, maxDeliveryAttempts: 1 });
    before.addRule('Submitted', { 'detail-type': ['OrderSubmitted'] }, async () => {
      throw new Error('target down');
    });
    await before.putEvents([anEntry(1), anEntry(2)]);
    await before.idle();
    expect(before.deadLetters).toHaveLength(2);
    expect(lines(deadLetterFile)).toHaveLength(2);

    // A new process: the same file, the target working again.
    const after = new LocalBus({ deadLetterFile, maxDeliveryAttempts: 1 });
    const delivered: unknown[] = [];
    after.addRule('Submitted', { 'detail-type': ['OrderSubmitted'] }, async (event) => {
      delivered.push(event.detail);
    });
    expect(after.deadLetters.map((letter) => letter.event.detail)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(after.redriveDeadLetters()).toBe(2);
    await after.idle();
    expect(delivered).toEqual([{ n: 1 }, { n: 2 }]);
    expect(after.deadLetters).toEqual([]);
    expect(lines(deadLetterFile)).toEqual([]);
  });

  it('keep a letter that fails again, in memory and in the file', async () => {
    const deadLetterFile = aDeadLetterFile();
    const bus = new LocalBus({ deadLetterFile, maxDeliveryAttempts: 1 });
    bus.addRule('Submitted', { 'detail-type': ['OrderSubmitted'] }, async () => {
      throw new Error('still down');
    });
    await bus.putEvents([anEntry(3)]);
    await bus.idle();
    bus.redriveDeadLetters();
    await bus.idle();
    expect(bus.deadLetters.map((letter) => letter.event.detail)).toEqual([{ n: 3 }]);
    expect(lines(deadLetterFile).map((line) => JSON.parse(line).event.detail)).toEqual([{ n: 3 }]);
  });
});

describe('the running product', () => {
  it('redelivers dead letters and re-announces pending submissions on its timers, not only at start', async () => {
    const deadLetterFile = aDeadLetterFile();
    const passes: { deadLetters: number; pending: number }[] = [];
    const app = await startLocalApp({
      keys: new PartnerKeys([['partner-a', 'test-key-a']]),
      port: 0,
      bus: { deadLetterFile, maxDeliveryAttempts: 1 },
      recovery: {
        deadLetterIntervalMs: 25,
        pendingIntervalMs: 25,
        pendingMinAgeMs: 0,
        onPass: (pass) => passes.push(pass),
      },
    });
    try {
      // A submission recorded as pending whose event never reached the bus (a publish lost in a crash).
      const lost = await Submission.recordSubmission(app.runtime.store, {
        partnerId: 'partner-a',
        submissionId: 'lost-publish-1',
        receivedAt: new Date(Date.now() - 60_000).toISOString(),
        payload: partnerAPayload(1),
      });
      // A rule whose target fails once: its event becomes a dead letter, then the timer redelivers it.
      let failures = 1;
      const delivered: string[] = [];
      app.runtime.bus.addRule('FlakyConsumer', { 'detail-type': ['OrderAccepted'] }, async (event) => {
        if (failures > 0) {
          failures--;
          throw new Error('consumer down');
        }
        delivered.push(String(event.detail.submissionId));
      });

      await vi.waitFor(
        async () => {
          const status = await Submission.getSubmission(app.runtime.store, 'partner-a', lost.submissionId);
          expect(status?.status).toBe('accepted');
          expect(delivered).toContain(lost.submissionId);
        },
        { timeout: 60_000, interval: 50 },
      );
      await app.runtime.idle();
      expect(failures).toBe(0);
      expect(passes.some((pass) => pass.pending > 0)).toBe(true);
      expect(passes.some((pass) => pass.deadLetters > 0)).toBe(true);
      expect(app.runtime.bus.deadLetters).toEqual([]);
    } finally {
      await app.stop();
    }
  }, 120_000);
});
