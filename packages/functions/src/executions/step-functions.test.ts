import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StepFunctionsExecutions } from './step-functions';

// A stand-in for the Step Functions endpoint that answers with recorded response bodies, so the real SDK
// client parses them (dates as epoch seconds and all) exactly as it would parse AWS's answers.
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const answers: Record<string, { status: number; body: string }> = {
  'AWSStepFunctions.DescribeExecution': { status: 200, body: fixture('describe-execution.json') },
  'AWSStepFunctions.GetExecutionHistory': { status: 200, body: fixture('execution-history.json') },
  'AWSStepFunctions.ListExecutions': { status: 200, body: fixture('list-executions.json') },
};
const arn =
  'arn:aws:states:us-east-1:123456789012:execution:order-workflow:6c1b2f1e-0d6c-4a53-9f0e-1f6f3f2c9a11';
const acceptedArn =
  'arn:aws:states:us-east-1:123456789012:execution:order-workflow:0b6f4e3a-6a59-4a3e-9d0c-2f0b1b7f1a01';
const rejectedArn =
  'arn:aws:states:us-east-1:123456789012:execution:order-workflow:0b6f4e3a-6a59-4a3e-9d0c-2f0b1b7f1a02';
// DescribeExecution answers for the execution the request names; the failed one is the default above.
const described: Record<string, string> = {
  [acceptedArn]: fixture('describe-execution-accepted.json'),
  [rejectedArn]: fixture('describe-execution-rejected.json'),
};
const requests: { target: string; body: Record<string, unknown> }[] = [];

let server: Server;
let executions: StepFunctionsExecutions;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target']);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      requests.push({ target, body });
      const named =
        target === 'AWSStepFunctions.DescribeExecution' ? described[String(body.executionArn)] : undefined;
      const answer = (named === undefined ? undefined : { status: 200, body: named }) ??
        answers[target] ?? { status: 400, body: '{"__type":"UnknownOperationException"}' };
      response.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new SFNClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  });
  executions = new StepFunctionsExecutions(
    'arn:aws:states:us-east-1:123456789012:stateMachine:order-workflow',
    client,
  );
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the Step Functions execution adapter', () => {
  it('reads an execution and its history into the timeline shape the web app shows', async () => {
    const execution = await executions.get(arn);
    expect(execution).toMatchObject({
      executionArn: arn,
      status: 'FAILED',
      startDate: '2024-05-23T12:00:00.123Z',
      stopDate: '2024-05-23T12:00:11.456Z',
      error: 'OrderProcessingFailed',
      input: { 'detail-type': 'OrderSubmitted', source: 'orders.partner-a' },
    });
    const states = execution?.events.filter((e) => e.type === 'StateEntered').map((e) => e.stateName);
    expect(states).toEqual([
      'Validate',
      'IsValid',
      'SequenceAndStore',
      'DescribeProcessingFailure',
      'EmitRejected',
      'ProcessingFailed',
    ]);
    expect(execution?.events[0]).toMatchObject({
      type: 'ExecutionStarted',
      input: { source: 'orders.partner-a' },
    });
    expect(execution?.events.at(-1)).toMatchObject({
      type: 'ExecutionFailed',
      error: 'OrderProcessingFailed',
    });
  });

  it('shows a failed Lambda attempt followed by another as a retry of that state', async () => {
    const events = (await executions.get(arn))?.events ?? [];
    const sequencing = events.filter((e) => e.stateName === 'SequenceAndStore').map((e) => e.type);
    expect(sequencing).toEqual(['StateEntered', 'StateFailed', 'StateRetried', 'StateFailed', 'StateExited']);
    expect(events.find((e) => e.type === 'StateFailed')).toMatchObject({ error: 'StorageUnavailableError' });
    expect(events.find((e) => e.type === 'StateExited' && e.stateName === 'Validate')?.output).toEqual({
      validation: { valid: true },
    });
  });

  it('lists each execution with its partner, order, outcome, number and duration, one describe each', async () => {
    requests.length = 0;
    const items = await executions.list({ limit: 10 });
    expect(items).toEqual([
      {
        executionArn: rejectedArn,
        name: '0b6f4e3a-6a59-4a3e-9d0c-2f0b1b7f1a02',
        status: 'SUCCEEDED',
        startDate: '2024-05-23T12:01:40.000Z',
        stopDate: '2024-05-23T12:01:40.412Z',
        durationMs: 412,
        partnerId: 'partner-b',
        submissionId: '9d4c2b8e-2f7a-4c1e-8a55-0e6f3b1d2c02',
        externalOrderId: 'B-7',
        outcome: 'rejected',
      },
      {
        executionArn: acceptedArn,
        name: '0b6f4e3a-6a59-4a3e-9d0c-2f0b1b7f1a01',
        status: 'SUCCEEDED',
        startDate: '2024-05-23T12:00:50.000Z',
        stopDate: '2024-05-23T12:00:50.875Z',
        durationMs: 875,
        partnerId: 'partner-a',
        submissionId: '9d4c2b8e-2f7a-4c1e-8a55-0e6f3b1d2c01',
        externalOrderId: 'A-100',
        outcome: 'accepted',
        sequenceNumber: 42,
      },
      expect.objectContaining({
        executionArn: arn,
        status: 'FAILED',
        durationMs: 11_333,
        partnerId: 'partner-a',
        submissionId: 's-1',
        outcome: 'failed',
        error: 'OrderProcessingFailed',
      }),
    ]);
    expect(requests.map((r) => r.target)).toEqual([
      'AWSStepFunctions.ListExecutions',
      ...Array(3).fill('AWSStepFunctions.DescribeExecution'),
    ]);
    expect(requests[0]?.body).toMatchObject({ maxResults: 100 });
  });

  it('filters by outcome and partner, asking ListExecutions for the outcome’s status', async () => {
    requests.length = 0;
    const rejected = await executions.list({ limit: 10, outcome: 'rejected' });
    expect(rejected.map((e) => e.executionArn)).toEqual([rejectedArn]);
    expect(requests[0]?.body).toMatchObject({ statusFilter: 'SUCCEEDED' });
    const failed = await executions.list({ limit: 10, outcome: 'failed' });
    expect(failed.map((e) => e.executionArn)).toEqual([arn]);
    const partnerA = await executions.list({ limit: 10, partnerId: 'partner-a' });
    expect(partnerA.map((e) => e.executionArn)).toEqual([acceptedArn, arn]);
    requests.length = 0;
    const first = await executions.list({ limit: 1, partnerId: 'partner-a' });
    expect(first.map((e) => e.executionArn)).toEqual([acceptedArn]);
    // One describe at a time while one item is wanted: the failed execution behind it is never described.
    expect(requests.filter((r) => r.target === 'AWSStepFunctions.DescribeExecution')).toHaveLength(2);
  });

  it('explains one execution read alone the same way', async () => {
    expect(await executions.get(acceptedArn)).toMatchObject({
      outcome: 'accepted',
      sequenceNumber: 42,
      externalOrderId: 'A-100',
      durationMs: 875,
    });
  });

  it('says plainly that an Express workflow keeps no history', async () => {
    answers['AWSStepFunctions.ListExecutions'] = {
      status: 400,
      body: '{"__type":"StateMachineTypeNotSupported","message":"This operation is not supported by this type of state machine"}',
    };
    await expect(executions.list({ limit: 10 })).rejects.toMatchObject({
      name: 'ExecutionHistoryUnavailableError',
    });
  });

  it('answers undefined for an execution Step Functions does not know', async () => {
    answers['AWSStepFunctions.DescribeExecution'] = {
      status: 400,
      body: '{"__type":"ExecutionDoesNotExist","message":"Execution Does Not Exist"}',
    };
    expect(await executions.get(`${arn}-gone`)).toBeUndefined();
  });
});
