import { Entity, type EntityConfiguration } from 'electrodb';

/** Running counts of a partner's settled submissions that the sequence counter does not give. */
export const createPartnerStatsEntity = (config: EntityConfiguration) =>
  new Entity(
    {
      model: { entity: 'partnerStats', version: '1', service: 'orders' },
      attributes: {
        partnerId: { type: 'string', required: true, readOnly: true },
        rejected: { type: 'number' },
        duplicates: { type: 'number' },
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
