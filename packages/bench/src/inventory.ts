import { orderMetrics } from '@orders/core/metrics';
import { listPartners } from '@orders/core/partner/registry';
import { pendingShardCount } from '@orders/core/submission/entity';

// What a deployed production stage holds that costs money by the month, counted from the stacks.
// stacks/cost-inventory.infra.test.ts synthesizes production and checks each count against this.

const partners = listPartners().length;
/** The product's functions: Validate, SequenceAndStore, RecordError, Recovery, Feed, Query, Operate. */
const functions = 7;
// Each order count is published with the service dimension and again per partner; the latency and the
// pending age once; Powertools' ColdStart once per function (dimension function_name).
const orderCounts = [orderMetrics.accepted, orderMetrics.rejected, orderMetrics.duplicate].length;

export const inventory = {
  functions,
  customMetrics: orderCounts * (1 + partners) + 2 + functions,
  alarms: 29,
  /** A metric-math alarm is billed for each metric it reads. */
  alarmMetrics: 30,
  dashboards: 1,
  webAcls: 1,
  wafRules: 1,
  partnerSecrets: partners,
  /** Feed, Query and Operate read the partners' key secrets. */
  secretReaders: 3,
  recoveryIntervalSeconds: 5 * 60,
  pendingIndexShards: pendingShardCount,
  /** An estimate: one run queries 16 shards and finds nothing pending, most of the time. */
  recoveryBilledMs: 200,
  /** An estimate of the web app's built files. */
  siteMiB: 1,
};

export type Inventory = typeof inventory;
