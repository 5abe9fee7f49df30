import { createHash } from 'node:crypto';
import { Entity, type EntityConfiguration } from 'electrodb';
import { idCasing } from '../order/entity';

export const submissionStatuses = ['pending', 'accepted', 'duplicate', 'rejected'] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];

/**
 * Pending submissions are spread over this many partitions of the `byPendingAge` index. Every order
 * writes that index twice (recorded, then settled), and one index partition takes about 1,000 writes a
 * second (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html):
 * sixteen keep the index clear of the throughput target; recovery reads each one.
 */
export const pendingShardCount = 16;

/** The names of the `byPendingAge` partitions: `00` … `15`. */
export const pendingShards: readonly string[] = Array.from({ length: pendingShardCount }, (_, shard) =>
  String(shard).padStart(2, '0'),
);

/** The `byPendingAge` partition a submission falls in, from its id. */
export function pendingShardOf(submissionId: string): string {
  const bucket = createHash('sha256').update(submissionId).digest().readUInt32BE(0) % pendingShardCount;
  return pendingShards[bucket] as string;
}

/**
 * Every submission is spread over this many partitions of the `byStatus` index, per partner and status.
 * At a partner's 1,000 orders a second all its accepted submissions would land in one index partition,
 * which takes about 1,000 writes a second
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html), and its
 * pending partition twice that (recorded, then moved out when settled). Eight keep each under 250 writes a
 * second at that rate, a quarter of the limit; a listing reads the eight and merges them newest first
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-sharding.html).
 */
export const statusShardCount = 8;

/** The names of the `byStatus` partitions of one partner and status: `0` … `7`. */
export const statusShards: readonly string[] = Array.from({ length: statusShardCount }, (_, shard) =>
  String(shard),
);

/** The `byStatus` partition a submission falls in, from its id (so a status change keeps its shard). */
export function statusShardOf(submissionId: string): string {
  const bucket = createHash('sha256').update(submissionId).digest().readUInt32BE(4) % statusShardCount;
  return statusShards[bucket] as string;
}

/**
 * What a patch by key must give so that ElectroDB recomputes the submission's index keys: the indexes'
 * composites as they stand. The shards come from the id, which a patch carries in its key only.
 */
export function indexComposites(submission: {
  submissionId: string;
  status: SubmissionStatus;
  receivedAt: string;
}): { status: SubmissionStatus; receivedAt: string; pendingShard: string; statusShard: string } {
  return {
    status: submission.status,
    receivedAt: submission.receivedAt,
    pendingShard: pendingShardOf(submission.submissionId),
    statusShard: statusShardOf(submission.submissionId),
  };
}

const issueList = {
  type: 'list',
  items: {
    type: 'map',
    properties: {
      path: { type: 'string', required: true },
      code: { type: 'string', required: true },
      message: { type: 'string', required: true },
    },
  },
} as const;

const attemptList = {
  type: 'list',
  items: {
    type: 'map',
    properties: {
      status: { type: submissionStatuses, required: true },
      executionId: { type: 'string' },
      /** When the attempt settled. */
      settledAt: { type: 'string', required: true },
      /** When it was replaced by a new attempt. */
      replacedAt: { type: 'string', required: true },
      issues: issueList,
    },
  },
} as const;

/** One submitted order from the moment the API received it until the workflow settles it. */
export const createSubmissionEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      // Version 2: keys keep the case of the ids they carry (version 1 lowercased them); see docs/migrations.md.
      model: { entity: 'submission', version: '2', service: 'orders' },
      attributes: {
        partnerId: { type: 'string', required: true, readOnly: true },
        submissionId: { type: 'string', required: true, readOnly: true },
        status: { type: submissionStatuses, required: true },
        externalOrderId: { type: 'string' },
        sequenceNumber: { type: 'number' },
        issues: issueList,
        // Raw request text, kept verbatim so nothing a partner sent is lost before the workflow runs.
        payload: { type: 'string', required: true },
        receivedAt: { type: 'string', required: true },
        updatedAt: { type: 'string', required: true },
        executionId: { type: 'string' },
        // Earlier attempts, oldest first: each reprocess (or a replay that settles a rejection anew) keeps the
        // attempt it replaces here, so the submission's own fields always describe the latest.
        history: attemptList,
        // Accepted, but its OrderAccepted could not be put: recovery emits it again and clears this.
        announcementPending: { type: 'boolean' },
        // Derived from the id, so every write of the submission (put or upsert) lands it in one shard.
        pendingShard: {
          type: 'string',
          hidden: true,
          watch: ['submissionId'],
          // A patch carries the id in its key, not its item: it gives the shard itself.
          set: (value, item) =>
            typeof item.submissionId === 'string' ? pendingShardOf(item.submissionId) : value,
        },
        statusShard: {
          type: 'string',
          hidden: true,
          watch: ['submissionId'],
          set: (value, item) =>
            typeof item.submissionId === 'string' ? statusShardOf(item.submissionId) : value,
        },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['partnerId', 'submissionId'], casing: idCasing },
          sk: { field: 'sk', composite: [], casing: idCasing },
        },
        // Sparse: only what recovery must finish carries its keys, so it reads what is stuck and nothing
        // else: pending submissions (under `pending`), and accepted ones whose OrderAccepted could not be
        // put (under `accepted`). Settling a submission, or clearing its mark, recomputes the index and,
        // the condition now false, removes them. A write that changes either must give every composite.
        byPendingAge: {
          index: 'gsi2',
          condition: (attributes) =>
            attributes.status === 'pending' || attributes.announcementPending === true,
          pk: { field: 'gsi2pk', composite: ['status', 'pendingShard'] },
          sk: { field: 'gsi2sk', composite: ['receivedAt'] },
        },
        // Every submission, by partner and status, newest first. Settling rewrites `status`, which moves the
        // item from the pending partition to its final one; the id in the sort key orders submissions
        // received in the same millisecond and is where a page resumes.
        byStatus: {
          index: 'gsi3',
          pk: { field: 'gsi3pk', composite: ['partnerId', 'status', 'statusShard'] },
          sk: { field: 'gsi3sk', composite: ['receivedAt', 'submissionId'], casing: idCasing },
        },
      },
    },
    config,
  );

export { issueList };
