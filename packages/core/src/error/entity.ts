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
        // Set when the submission was later accepted (reprocessed or replayed): the rejection stands in the
        // record, and says what took its place.
        supersededBy: {
          type: 'map',
          properties: {
            status: { type: ['accepted', 'duplicate'] as const, required: true },
            sequenceNumber: { type: 'number', required: true },
          },
        },
        supersededAt: { type: 'string' },
        // The issues' codes as a flat list, derived on every write, for the listing's filter by code: a
        // filter can test a list for an element (`contains`), not a field inside a list of maps.
        issueCodes: {
          type: 'list',
          items: { type: 'string' },
          hidden: true,
          watch: ['issues'],
          set: (_: unknown, item: { issues?: readonly { code: string }[] }) =>
            (item.issues ?? []).map((issue) => issue.code),
        },
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
