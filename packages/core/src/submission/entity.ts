import { Entity, type EntityConfiguration } from 'electrodb';
import { idCasing } from '../order/entity';

export const submissionStatuses = ['pending', 'accepted', 'duplicate', 'rejected'] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];

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
        // Accepted, but its OrderAccepted could not be put: recovery emits it again and clears this.
        announcementPending: { type: 'boolean' },
      },
      indexes: {
        byId: {
          pk: { field: 'pk', composite: ['partnerId', 'submissionId'], casing: idCasing },
          sk: { field: 'sk', composite: [], casing: idCasing },
        },
      },
    },
    config,
  );

export { issueList };
