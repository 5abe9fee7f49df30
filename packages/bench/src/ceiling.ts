import { createHash, randomUUID } from 'node:crypto';
import type { Storage } from '@orders/core';
import type { DynamoLocal } from '@orders/dynamo-local';
import { type CpuUse, meterCpu } from './machine';
import { now } from './probe';
import { type Summary, summarize } from './stats';
import { rawTransactWriter, type TransactWriteInput } from './workspace';

// The machine's ceiling for the pipeline's one essential write: the sequencing transaction (the partner's
// counter moved only from the value read, the order and its external-id claim written only if absent),
// sent raw, precomputed, with nothing else around it. Sequentially it is one partner's chain of numbers;
// concurrently each writer has its own counter, so no transaction loses a race.

export interface CeilingLevel {
  /** Writers at once; 1 is sequential. */
  concurrency: number;
  transactions: number;
  transactionsPerSecond: number;
  latency: Summary;
  cpu: CpuUse;
}

export interface Ceiling {
  /** The best concurrent rate: what this machine's DynamoDB Local commits of the pipeline's transaction. */
  transactionsPerSecond: number;
  sequential: CeilingLevel;
  concurrent: CeilingLevel[];
}

type Marshalled = { S: string } | { N: string } | { BOOL: boolean } | { NULL: true };

function marshal(value: unknown): Marshalled {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (value === null) return { NULL: true };
  throw new Error(`the ceiling writes only scalars, not ${typeof value}`);
}

function marshalMap(map: unknown): Record<string, Marshalled> {
  return Object.fromEntries(
    Object.entries((map ?? {}) as Record<string, unknown>).map(([k, v]) => [k, marshal(v)]),
  );
}

// ElectroDB builds the request (so its shape is exactly the pipeline's); the SDK's marshalled form is sent.
function toRaw(params: unknown): TransactWriteInput {
  const { TransactItems } = params as { TransactItems: Record<string, Record<string, unknown>>[] };
  return {
    TransactItems: TransactItems.map((entry) => {
      const [kind, body] = Object.entries(entry)[0] as [string, Record<string, unknown>];
      const raw: Record<string, unknown> = { ...body };
      for (const key of ['Item', 'Key', 'ExpressionAttributeValues']) {
        if (key in body) raw[key] = marshalMap(body[key]);
      }
      return { [kind]: raw };
    }),
  };
}

/** `count` sequencing transactions for one partner, numbers 1…count, each conditioned on the one before. */
export function prepareTransactions(
  store: Storage.Store,
  partnerId: string,
  count: number,
): TransactWriteInput[] {
  const time = new Date().toISOString();
  return Array.from({ length: count }, (_, i) => {
    const sequenceNumber = i + 1;
    const externalOrderId = `${partnerId}-${sequenceNumber}`;
    const submissionId = randomUUID();
    const params = store.transaction
      .write(({ partnerCounter, order, orderClaim }) => [
        sequenceNumber === 1
          ? partnerCounter.create({ partnerId, lastSequenceNumber: 1 }).commit()
          : partnerCounter
              .patch({ partnerId })
              .set({ lastSequenceNumber: sequenceNumber })
              .where(({ lastSequenceNumber }, { eq }) => eq(lastSequenceNumber, sequenceNumber - 1))
              .commit(),
        order
          .create({
            partnerId,
            sequenceNumber,
            externalOrderId,
            productId: 'SKU-1002',
            customerId: 'C-2172',
            quantity: 3,
            unitPrice: 19.99,
            taxRate: 0.07,
            grossAmount: '59.97',
            taxAmount: '4.20',
            netAmount: '64.17',
            transactionTime: time,
            submissionId,
            receivedAt: time,
            processedAt: time,
            executionId: `arn:aws:states:us-east-1:000000000000:execution:order-workflow:${randomUUID()}`,
          })
          .commit(),
        orderClaim
          .create({
            partnerId,
            externalOrderId,
            sequenceNumber,
            contentKey: createHash('sha256').update(externalOrderId).digest('hex'),
            submissionId,
            // ElectroDB asks for every composite of the conditional backlog index on a write; a numbered
            // claim stays out of that index whatever its queue time says.
            queuedAt: time,
          })
          .commit(),
      ])
      .params();
    return toRaw(params);
  });
}

async function runLevel(
  send: (input: TransactWriteInput) => Promise<unknown>,
  chains: TransactWriteInput[][],
  jvmPid: number | undefined,
): Promise<CeilingLevel> {
  const latencies: number[] = [];
  const cpu = meterCpu(jvmPid);
  const started = now();
  await Promise.all(
    chains.map(async (chain) => {
      for (const input of chain) {
        const start = now();
        await send(input);
        latencies.push(now() - start);
      }
    }),
  );
  const seconds = (now() - started) / 1000;
  return {
    concurrency: chains.length,
    transactions: latencies.length,
    transactionsPerSecond: latencies.length / seconds,
    latency: summarize(latencies),
    cpu: cpu.stop(),
  };
}

/** Measures sequential and concurrent raw sequencing transactions on the runtime's own engine and table. */
export async function measureCeiling(
  engine: DynamoLocal,
  store: Storage.Store,
  options: { sequential: number; concurrency: number[]; perLevel: number },
): Promise<Ceiling> {
  const send = rawTransactWriter(engine);
  const run = randomUUID().slice(0, 8);
  // A short warm-up of the same shape, so the first level does not pay for the JIT alone.
  await runLevel(send, [prepareTransactions(store, `ceiling-${run}-warm`, 200)], engine.pid);
  const sequential = await runLevel(
    send,
    [prepareTransactions(store, `ceiling-${run}-seq`, options.sequential)],
    engine.pid,
  );
  const concurrent: CeilingLevel[] = [];
  for (const concurrency of options.concurrency) {
    const perWriter = Math.max(1, Math.round(options.perLevel / concurrency));
    const chains = Array.from({ length: concurrency }, (_, w) =>
      prepareTransactions(store, `ceiling-${run}-c${concurrency}-w${w}`, perWriter),
    );
    concurrent.push(await runLevel(send, chains, engine.pid));
  }
  return {
    transactionsPerSecond: Math.max(...concurrent.map((level) => level.transactionsPerSecond), 0),
    sequential,
    concurrent,
  };
}
