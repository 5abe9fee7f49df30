import { Duration } from 'aws-cdk-lib';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Function as SstFunction, type StackContext, use } from 'sst/constructs';
import { defaultRecoveryMinAgeMs } from '../packages/core/src/submission/recovery-age';
import { Events } from './Events';
import { publishLive } from './rollout';
import { Storage } from './Storage';
import { stageSettings } from './stage';

/** How often stuck submissions are looked for; the pending-age alarm is reckoned from it. */
export const recoveryInterval = Duration.minutes(5);

/** Submissions pending at least this long are announced again (the workflow is done well before). */
export const recoveryMinAge = Duration.millis(defaultRecoveryMinAgeMs);

// Recovery reads the sparse pending index (Query, never Scan) and the submissions it finds; it writes
// nothing to the table itself: the workflow settles what it re-announces.
const recoveryTableActions = ['dynamodb:Query'];

/** Self-healing: a schedule re-announces submissions left pending, and says how old the oldest one is. */
export function Recovery({ stack, app }: StackContext) {
  const settings = stageSettings(app.stage, app.mode);
  const { table } = use(Storage);
  const { bus } = use(Events);

  const recovery = new SstFunction(stack, 'Recovery', {
    handler: 'packages/functions/src/recovery-schedule.handler',
    environment: {
      TABLE_NAME: table.tableName,
      EVENT_BUS_NAME: bus.eventBusName,
      RECOVERY_MIN_AGE_MINUTES: String(recoveryMinAge.toMinutes()),
    },
    // Shorter than the interval, so two runs never overlap.
    timeout: recoveryInterval.toSeconds() - 60,
  });
  table.grant(recovery, ...recoveryTableActions);
  bus.grantPutEventsTo(recovery);
  const live = publishLive(recovery, settings.canary);

  new Schedule(stack, 'RecoverySchedule', {
    description: 'Announces submissions left pending again, and publishes the age of the oldest one.',
    schedule: ScheduleExpression.rate(recoveryInterval),
    // A missed run is made good by the next one, minutes later; the pending-age alarm notices if none runs.
    target: new LambdaInvoke(live, { retryAttempts: 0, maxEventAge: recoveryInterval }),
  });

  return { functions: { recovery }, live };
}
