import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Service } from 'electrodb';
import { createOrderErrorEntity } from '../error/entity';
import {
  createOrderClaimEntity,
  createOrderEntity,
  createPartnerCounterEntity,
  createSequencerLeaseEntity,
} from '../order/entity';
import { createPartnerStatsEntity } from '../stats/entity';
import { createPartnerTrendEntity } from '../stats/trend-entity';
import { createSubmissionEntity } from '../submission/entity';

export interface StoreConfig {
  client: DynamoDBClient;
  tableName: string;
}

/** The ElectroDB service over the one table; adapters create the client and hand it in. */
export function createStore({ client, tableName }: StoreConfig) {
  const config = { client, table: tableName };
  return new Service(
    {
      order: createOrderEntity(config),
      orderClaim: createOrderClaimEntity(config),
      partnerCounter: createPartnerCounterEntity(config),
      sequencerLease: createSequencerLeaseEntity(config),
      submission: createSubmissionEntity(config),
      orderError: createOrderErrorEntity(config),
      partnerStats: createPartnerStatsEntity(config),
      partnerTrend: createPartnerTrendEntity(config),
    },
    config,
  );
}

export type Store = ReturnType<typeof createStore>;
