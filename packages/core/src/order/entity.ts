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
 * Claims an external order id for one partner: at most one order per (partner, external id), and the
 * content key tells a true duplicate from a conflicting reuse of the id.
 */
export const createOrderClaimEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      // Version 2: keys keep the case of the ids they carry (version 1 lowercased them); see docs/migrations.md.
      model: { entity: 'orderClaim', version: '2', service },
      attributes: {
        partnerId: { type: 'string', required: true, readOnly: true },
        externalOrderId: { type: 'string', required: true, readOnly: true },
        sequenceNumber: { type: 'number', required: true },
        contentKey: { type: 'string', required: true },
        submissionId: { type: 'string', required: true },
      },
      indexes: {
        byExternalId: {
          pk: { field: 'pk', composite: ['partnerId', 'externalOrderId'], casing: idCasing },
          sk: { field: 'sk', composite: [], casing: idCasing },
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
/** An accepted order as stored: the normalized order with its sequence number and provenance. */
export type StoredOrder = EntityItem<OrderEntity>;
export type OrderClaim = EntityItem<OrderClaimEntity>;
