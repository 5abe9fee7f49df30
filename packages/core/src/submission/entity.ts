import { Entity, type EntityConfiguration } from 'electrodb';

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
      model: { entity: 'submission', version: '1', service: 'orders' },
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
          pk: { field: 'pk', composite: ['partnerId', 'submissionId'] },
          sk: { field: 'sk', composite: [] },
        },
      },
    },
    config,
  );

export { issueList };
