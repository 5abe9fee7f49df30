import { randomUUID } from 'node:crypto';
import { Storage } from '@orders/core';
import { type OrderToStore, sequenceAndStore } from '@orders/core/order/sequence';
import { anOrderToStore } from '@orders/core/testing/orders';
import type { DynamoLocal } from '@orders/dynamo-local';
import { latentClient } from './latency';
import { now } from './probe';
import { type Summary, summarize } from './stats';

// The sequencing code alone, as the workflow's SequenceAndStore step runs it, with N executions for ONE
// partner in flight at once (a closed loop: each one that finishes starts the next order), against DynamoDB
// Local behind an AWS-like round trip. It shows how one partner's rate behaves as its load grows.

export interface SequencingLevel {
  /** Executions in flight at once, all for one partner. */
  concurrency: number;
  /** Orders that got their number. */
  numbered: number;
  /** Orders that gave up (the attempts ran out): each would be retried by the workflow, or left pending. */
  gaveUp: number;
  ordersPerSecond: number;
  /** Transactions DynamoDB cancelled (a lost race, a stale backlog read), per numbered order. */
  wastedTransactionsPerOrder: number;
  /** Transactions sent per numbered order: below 1 when one transaction numbers a batch. */
  transactionsPerOrder: number;
  /** DynamoDB requests per numbered order, reads included. */
  requestsPerOrder: number;
  /** Time from an execution's start to its number, ms. */
  latency: Summary;
  /** Whether the numbers came out 1..numbered with no gap and no repeat. */
  contiguous: boolean;
  seconds: number;
}

export interface SequencingReport {
  latencyMs: number;
  levels: SequencingLevel[];
  /** The largest N's figures: what the bench's targets read. */
  perPartnerOrdersPerSecond: number;
  wastedTransactionsPerOrder: number;
  p99Ms: number;
}

export interface SequencingPlan {
  concurrency: number[];
  /** Orders per level, at least; more at higher concurrency so every execution runs a few times. */
  ordersPerLevel: number;
  /** A level stops starting orders after this long. */
  maxLevelMs: number;
}

function anOrder(partnerId: string, n: number): OrderToStore {
  return anOrderToStore({ partnerId, externalOrderId: `SEQ-${n}`, executionId: `bench-${randomUUID()}` });
}

async function runLevel(
  engine: DynamoLocal,
  tableName: string,
  latencyMs: number,
  concurrency: number,
  plan: SequencingPlan,
): Promise<SequencingLevel> {
  const { client, counts } = latentClient(engine, latencyMs);
  const store = Storage.createStore({ client, tableName });
  // A partner of its own per level, so every level numbers from 1.
  const partnerId = `bench-sequencing-${concurrency}-${randomUUID().slice(0, 8)}`;
  const target = Math.max(plan.ordersPerLevel, concurrency * 2);
  const durations: number[] = [];
  const numbers: number[] = [];
  let started = 0;
  let gaveUp = 0;
  const begin = now();
  const deadline = begin + plan.maxLevelMs;
  const execution = async () => {
    while (started < target && now() < deadline) {
      const n = ++started;
      const t0 = now();
      try {
        const outcome = await sequenceAndStore(store, anOrder(partnerId, n));
        if (outcome.status === 'accepted') {
          numbers.push(outcome.order.sequenceNumber);
          durations.push(now() - t0);
        }
      } catch {
        gaveUp++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, execution));
  const seconds = (now() - begin) / 1000;
  client.destroy();
  const transactions = counts.byCommand.get('TransactWriteItemsCommand') ?? 0;
  const requests = [...counts.byCommand.values()].reduce((sum, count) => sum + count, 0);
  const numbered = numbers.length;
  const sorted = [...numbers].sort((a, b) => a - b);
  return {
    concurrency,
    numbered,
    gaveUp,
    ordersPerSecond: numbered / seconds,
    wastedTransactionsPerOrder:
      numbered === 0 ? counts.cancelledTransactions : counts.cancelledTransactions / numbered,
    transactionsPerOrder: numbered === 0 ? transactions : transactions / numbered,
    requestsPerOrder: numbered === 0 ? requests : requests / numbered,
    latency: summarize(durations),
    contiguous: sorted.every((value, index) => value === index + 1),
    seconds,
  };
}

/** Runs the sequencing code at each concurrency for one partner, behind `latencyMs` per request. */
export async function measureSequencing(
  engine: DynamoLocal,
  plan: SequencingPlan,
  latencyMs: number,
  progress: (message: string) => void = () => {},
): Promise<SequencingReport> {
  const tableName = `bench-sequencing-${randomUUID()}`;
  await Storage.ensureTable(engine.client, tableName);
  const levels: SequencingLevel[] = [];
  for (const concurrency of plan.concurrency) {
    progress(`sequencing: ${concurrency} executions for one partner, ${latencyMs} ms per request…`);
    levels.push(await runLevel(engine, tableName, latencyMs, concurrency, plan));
  }
  const largest = levels[levels.length - 1];
  return {
    latencyMs,
    levels,
    perPartnerOrdersPerSecond: largest?.ordersPerSecond ?? 0,
    wastedTransactionsPerOrder: largest?.wastedTransactionsPerOrder ?? 0,
    p99Ms: largest?.latency.p99 ?? 0,
  };
}
