import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { LambdaDeploymentConfig, LambdaDeploymentGroup } from 'aws-cdk-lib/aws-codedeploy';
import type { Alias, AliasOptions } from 'aws-cdk-lib/aws-lambda';
import type { Function as SstFunction } from 'sst/constructs';

/** The alias every caller invokes: the state machine, the rules, the API and the schedule. */
export const liveAlias = 'live';

/** How a new version takes over: a tenth of the traffic for five minutes, then all of it. */
export const rolloutConfig = LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES;

/**
 * Publishes a function behind its `live` alias. With a canary (every stage but `sst dev`, whose functions
 * are the live-debugging stub), CodeDeploy moves the alias to each new version as {@link rolloutConfig}
 * and moves it back when the alias's errors alarm fires meanwhile, so a bad release reaches a tenth of the
 * traffic for minutes instead of all of it. The alarm and the deployment group sit next to the alias: the
 * alias's update policy names the group, so they must share a stack.
 */
export function publishLive(fn: SstFunction, canary: boolean, options: AliasOptions = {}): Alias {
  const alias = fn.addAlias(liveAlias, options);
  if (!canary) return alias;
  const errors = new Alarm(fn, 'LiveErrors', {
    metric: alias.metricErrors({ period: Duration.minutes(1), statistic: 'Sum' }),
    alarmDescription: `${fn.node.id} (${liveAlias}) failed: CodeDeploy rolls a rollout of it back.`,
    threshold: 0,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  new LambdaDeploymentGroup(fn, 'Rollout', {
    alias,
    deploymentConfig: rolloutConfig,
    alarms: [errors],
    autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
  });
  return alias;
}
