import { createHash } from 'node:crypto';
import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

const service = 'orders';

/**
 * ElectroDB lowercases key values unless told otherwise; ids are case-sensitive (`ORD-1` and `ord-1` are
 * two orders), so every key that carries an external or submission id keeps their case. Keys made only of
 * partner ids, numbers and times keep ElectroDB's default: registered partner ids are lowercase.
 */
export const idCasing = 'none' as const;

// Sequence numbers are sort-key text, so they are padded to sort numerically (12 digits: a trillion orders).
const sequencePadding = { length: 12, char: '0' } as const;

/** Accepted orders by partner and sequence number; `byTransactionTime` serves time-range reads. */
export const createOrderEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'order', version: '1', service },
      attributes: {
        partnerId: { type: 'string', required: true, readOnly: true },
        sequenceNumber: { type: 'number', required: true, readOnly: true, padding: sequencePadding },
        externalOrderId: { type: 'string', required: true },
        productId: { type: 'string', required: true },
        customerId: { type: 'string', required: true },
        quantity: { type: 'number', required: true },
        unitPrice: { type: 'number', required: true },
        taxRate: { type: 'number', required: true },
        grossAmount: { type: 'string', required: true },
        taxAmount: { type: 'string', required: true },
        netAmount: { type: 'string', required: true },
        transactionTime: { type: 'string', required: true },
        submissionId: { type: 'string', required: true },
        receivedAt: { type: 'string', required: true },
        processedAt: { type: 'string', required: true },
        executionId: { type: 'string', required: true },
      },
      indexes: {
        bySequence: {
          pk: { field: 'pk', composite: ['partnerId'] },
          sk: { field: 'sk', composite: ['sequenceNumber'] },
        },
        byTransactionTime: {
          index: 'gsi1',
          pk: { field: 'gsi1pk', composite: ['partnerId'] },
          sk: { field: 'gsi1sk', composite: ['transactionTime', 'sequenceNumber'] },
        },
      },
    },
    config,
  );

/**
 * The claim's partitions of the partner's backlog (the `backlog` index): every unnumbered order writes the
 * index twice (queued, then numbered), and one index partition takes about 1,000 writes a second
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html): four keep
 * a partner's 1,000 orders a second clear of it; the numbering step reads all four.
 */
export const backlogShardCount = 4;

/** The backlog partition an external id falls in. */
export function backlogShardOf(externalOrderId: string): string {
  const bucket = createHash('sha256').update(externalOrderId).digest().readUInt32BE(0) % backlogShardCount;
  return String(bucket);
}

/**
 * Claims an external order id for one partner: at most one order per (partner, external id), and the
 * content key tells a true duplicate from a conflicting reuse of the id. A claim is written first, without
 * a number, holding the order (`pendingOrder`) in the partner's backlog; numbering stamps the claim with
 * its sequence number and stores the order under it, in one transaction (docs/sequencing.md).
 */
export const createOrderClaimEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      // Version 2: keys keep the case of the ids they carry (version 1 lowercased them); see docs/migrations.md.
      model: { entity: 'orderClaim', version: '2', service },
      attributes: {
        partnerId: { type: 'string', required: true, readOnly: true },
        externalOrderId: { type: 'string', required: true, readOnly: true },
        // Absent while the order waits in the backlog.
        sequenceNumber: { type: 'number' },
        contentKey: { type: 'string', required: true },
        submissionId: { type: 'string', required: true },
        // The order to store once numbered (JSON of an `OrderToStore`), removed when it is numbered.
        pendingOrder: { type: 'string' },
        // When the claim joined the backlog: numbering takes the oldest first. Removed when numbered.
        queuedAt: { type: 'string' },
        // When the order was numbered and stored (the stored order's `processedAt`).
        processedAt: { type: 'string' },
        // Derived from the external id, so the claim's every write lands it in one backlog partition.
        backlogShard: {
          type: 'string',
          hidden: true,
          watch: ['externalOrderId'],
          set: (_, item) => backlogShardOf(String(item.externalOrderId)),
        },
      },
      indexes: {
        byExternalId: {
          pk: { field: 'pk', composite: ['partnerId', 'externalOrderId'], casing: idCasing },
          sk: { field: 'sk', composite: [], casing: idCasing },
        },
        // Sparse: only unnumbered claims carry its sort key (numbering removes `queuedAt`), so the numbering
        // step reads the backlog and nothing else. It shares `gsi2` with the submissions' `byPendingAge`:
        // the partition keys name the entity, so the two never meet.
        backlog: {
          index: 'gsi2',
          condition: (attributes) => attributes.sequenceNumber === undefined,
          pk: { field: 'gsi2pk', composite: ['partnerId', 'backlogShard'] },
          sk: { field: 'gsi2sk', composite: ['queuedAt', 'externalOrderId'], casing: idCasing },
        },
      },
    },
    config,
  );

/**
 * Who numbers a partner's backlog now. One holder at a time numbers batch after batch while the others
 * wait for their claims to be stamped, so concurrent executions do not race on the counter. The lease
 * runs out on its own (`leaseUntil`), so a holder that dies does not stop the partner.
 */
export const createSequencerLeaseEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'sequencerLease', version: '1', service },
      attributes: {
        partnerId: { type: 'string', required: true, readOnly: true },
        holder: { type: 'string', required: true },
        // Epoch milliseconds.
        leaseUntil: { type: 'number', required: true },
        // The holder's progress, for the waiters: the newest queue time it has numbered, how many ms of queue
        // time it numbers per ms (below 1 it falls behind), and when it last said so (epoch ms).
        through: { type: 'string' },
        pace: { type: 'number' },
        progressAt: { type: 'number' },
      },
      indexes: {
        byPartner: {
          pk: { field: 'pk', composite: ['partnerId'] },
          sk: { field: 'sk', composite: [] },
        },
      },
    },
    config,
  );

/** The last sequence number given to a partner's orders. */
export const createPartnerCounterEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'partnerCounter', version: '1', service },
      attributes: {
        partnerId: { type: 'string', required: true, readOnly: true },
        lastSequenceNumber: { type: 'number', required: true },
      },
      indexes: {
        byPartner: {
          pk: { field: 'pk', composite: ['partnerId'] },
          sk: { field: 'sk', composite: [] },
        },
      },
    },
    config,
  );

export type OrderEntity = ReturnType<typeof createOrderEntity>;
export type OrderClaimEntity = ReturnType<typeof createOrderClaimEntity>;
export type SequencerLeaseEntity = ReturnType<typeof createSequencerLeaseEntity>;
/** An accepted order as stored: the normalized order with its sequence number and provenance. */
export type StoredOrder = EntityItem<OrderEntity>;
export type OrderClaim = EntityItem<OrderClaimEntity>;
