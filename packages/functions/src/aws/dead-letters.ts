import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsDeadLetterQueue } from '../events/sqs-dead-letters';

/** A rule's dead-letter queue, for `pnpm redrive --aws`. */
export function awsDeadLetterQueue(queueUrl: string): SqsDeadLetterQueue {
  return new SqsDeadLetterQueue(queueUrl, new SQSClient({}));
}
