import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DeadLetter, DeadLetterQueue } from '@orders/core/events/redrive';
import { logger } from '../observability';

// A receive returns at most 10 messages. Waiting at least a second makes it a long poll, which asks every
// SQS server rather than a sample, so an empty answer means the queue has nothing visible left:
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/best-practices-setting-up-long-polling.html
const maxMessagesPerReceive = 10;
const waitTimeSeconds = 2;
// Long enough to put a batch back on the bus; a letter the bus refused shows up again after it.
const visibilityTimeoutSeconds = 120;

/**
 * A dead-letter queue in SQS: a rule's, where EventBridge writes each undelivered event as the message
 * body, or a function's on-failure destination, where Lambda writes an invocation record that carries the
 * event as `requestPayload` (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
 */
export class SqsDeadLetterQueue implements DeadLetterQueue {
  constructor(
    private readonly queueUrl: string,
    private readonly client: SQSClient,
  ) {}

  async receive(max: number): Promise<DeadLetter[]> {
    const { Messages = [] } = await this.client.send(
      new ReceiveMessageCommand({
        QueueUrl: this.queueUrl,
        MaxNumberOfMessages: Math.min(max, maxMessagesPerReceive),
        WaitTimeSeconds: waitTimeSeconds,
        VisibilityTimeout: visibilityTimeoutSeconds,
      }),
    );
    return Messages.flatMap((message) =>
      message.ReceiptHandle === undefined
        ? []
        : [{ receipt: message.ReceiptHandle, event: parseBody(message.Body) }],
    );
  }

  async remove(letters: DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    const { Failed = [] } = await this.client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: this.queueUrl,
        Entries: letters.map((letter, index) => ({ Id: String(index), ReceiptHandle: letter.receipt })),
      }),
    );
    // An undeleted letter comes back after its visibility timeout and is redriven twice; consumers are
    // idempotent, so that is noise, not harm; saying so is all there is to do.
    if (Failed.length > 0) logger.warn('redriven letters not deleted', { count: Failed.length });
  }
}

function parseBody(body: string | undefined): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? '');
  } catch {
    return body;
  }
  if (
    typeof parsed === 'object' &&
    parsed !== null &&
    'requestContext' in parsed &&
    'requestPayload' in parsed
  )
    return parsed.requestPayload;
  return parsed;
}
