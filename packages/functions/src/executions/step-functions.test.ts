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
};
const arn =
  'arn:aws:states:us-east-1:123456789012:execution:order-workflow:6c1b2f1e-0d6c-4a53-9f0e-1f6f3f2c9a11';

let server: Server;
let executions: StepFunctionsExecutions;

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const target = String(request.headers['x-amz-target']);
      const answer = answers[target] ?? { status: 400, body: '{"__type":"UnknownOperationException"}' };
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

  it('says plainly that an Express workflow keeps no history', async () => {
    answers['AWSStepFunctions.ListExecutions'] = {
      status: 400,
      body: '{"__type":"StateMachineTypeNotSupported","message":"This operation is not supported by this type of state machine"}',
    };
    await expect(executions.list(10)).rejects.toMatchObject({ name: 'ExecutionHistoryUnavailableError' });
  });

  it('answers undefined for an execution Step Functions does not know', async () => {
    answers['AWSStepFunctions.DescribeExecution'] = {
      status: 400,
      body: '{"__type":"ExecutionDoesNotExist","message":"Execution Does Not Exist"}',
    };
    expect(await executions.get(`${arn}-gone`)).toBeUndefined();
  });
});
