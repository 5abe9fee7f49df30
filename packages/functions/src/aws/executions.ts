import { SFNClient } from '@aws-sdk/client-sfn';
import { requireSetting } from '../config';
import { StepFunctionsExecutions } from '../executions/step-functions';

/** The order workflow's executions and their histories, through Step Functions. */
export function awsExecutions(): StepFunctionsExecutions {
  return new StepFunctionsExecutions(requireSetting('STATE_MACHINE_ARN'), new SFNClient({}));
}
