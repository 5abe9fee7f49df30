import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';

const executionId = 'arn:aws:states:us-east-1:123456789012:execution:order-workflow:run-1';
const secretLookingValue = 'CARD-4111-1111-1111-1111';

function submittedEvent(payload: unknown) {
  return {
    version: '0',
    id: 'e-1',
    'detail-type': 'OrderSubmitted',
    source: 'orders.partner-a',
    account: '123456789012',
    time: '2024-05-01T12:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: {
      submissionId: 'sub-1',
      partnerId: 'partner-a',
      receivedAt: '2024-05-01T12:00:00.000Z',
      payload,
    },
  };
}

describe('handler logs', () => {
  it('carry the execution and submission ids as JSON and never the payload', async () => {
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    vi.stubEnv('POWERTOOLS_DEV', '');
    vi.resetModules();
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const { createValidateHandler } = await import('./validate');
      const validate = createValidateHandler(() => new Date('2024-05-01T12:01:00Z'));
      await validate({
        event: submittedEvent({ orderId: 'A-1', skuId: secretLookingValue, quantity: '5' }),
        executionId,
      });
    } finally {
      write.mockRestore();
      vi.unstubAllEnvs();
    }
    const entries = lines.flatMap((line) => line.split('\n')).filter((line) => line.startsWith('{'));
    const entry = entries
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((e) => e.message === 'order invalid');
    expect(entry).toMatchObject({ level: 'INFO', service: 'orders', executionId, submissionId: 'sub-1' });
    expect(entry?.issueCodes).toEqual(expect.arrayContaining(['type', 'required']));
    expect(lines.join('')).not.toContain(secretLookingValue);
  });
});

// What Lambda hands a handler besides the event.
const context: Context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'staging-orders-Validate',
  functionVersion: '3',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:staging-orders-Validate:live',
  memoryLimitInMB: '1024',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  logGroupName: '/aws/lambda/staging-orders-Validate',
  logStreamName: 'stream-1',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

async function invokeTwice(): Promise<Record<string, unknown>[]> {
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
  vi.stubEnv('POWERTOOLS_DEV', '');
  // Lambda sets it on every on-demand container; Powertools counts no cold start without it.
  vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  vi.resetModules();
  const lines: string[] = [];
  const capture = (chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  };
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  try {
    const { createValidateHandler } = await import('./validate');
    const validate = createValidateHandler(() => new Date('2024-05-01T12:01:00Z'));
    const input = { event: submittedEvent({ orderId: 'A-1' }), executionId };
    await validate(input, context);
    await validate(input, { ...context, awsRequestId: 'second-request' });
  } finally {
    stdout.mockRestore();
    vi.unstubAllEnvs();
  }
  return lines
    .flatMap((line) => line.split('\n'))
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('with the Lambda context', () => {
  it('logs cold_start and the request id of each invocation', async () => {
    const entries = (await invokeTwice()).filter((entry) => entry.message === 'order invalid');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      cold_start: true,
      function_request_id: context.awsRequestId,
      function_name: context.functionName,
    });
    expect(entries[1]).toMatchObject({ cold_start: false, function_request_id: 'second-request' });
  });

  it('emits the ColdStart metric once per container', async () => {
    const coldStarts = (await invokeTwice()).filter((entry) => 'ColdStart' in entry);
    expect(coldStarts).toHaveLength(1);
    expect(coldStarts[0]).toMatchObject({ ColdStart: 1, function_name: context.functionName });
  });
});
