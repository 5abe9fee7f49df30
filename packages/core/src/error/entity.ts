import { Entity, type EntityConfiguration } from 'electrodb';
import { idCasing } from '../order/entity';
import { issueList } from '../submission/entity';
import { errorCategories } from './category';

/** A rejected submission, kept for 30 days (`expiresAt`, epoch seconds, is the table's TTL attribute). */
export const createOrderErrorEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      // Version 2: keys keep the case of the ids they carry (version 1 lowercased them); see docs/migrations.md.
      model: { entity: 'orderError', version: '2', service: 'orders' },
      attributes: {
        partnerId: { type: 'string', required: true, readOnly: true },
        submissionId: { type: 'string', required: true, readOnly: true },
        receivedAt: { type: 'string', required: true, readOnly: true },
        category: { type: errorCategories, required: true },
        issues: { ...issueList, required: true },
        payload: { type: 'string', required: true },
        payloadTruncated: { type: 'boolean', default: false },
        executionId: { type: 'string', required: true },
        expiresAt: { type: 'number', required: true },
      },
      indexes: {
        byReceivedAt: {
          pk: { field: 'pk', composite: ['partnerId'], casing: idCasing },
          sk: { field: 'sk', composite: ['receivedAt', 'submissionId'], casing: idCasing },
        },
      },
    },
    config,
  );
