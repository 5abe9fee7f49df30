import { SFNClient } from '@aws-sdk/client-sfn';
import { requireSetting } from '../config';
import { StepFunctionsExecutions } from '../executions/step-functions';
import { tracer } from '../tracing';

/** The order workflow's executions and their histories, through a traced Step Functions client. */
export function awsExecutions(): StepFunctionsExecutions {
  return new StepFunctionsExecutions(
    requireSetting('STATE_MACHINE_ARN'),
    tracer.captureAWSv3Client(new SFNClient({})),
  );
}
