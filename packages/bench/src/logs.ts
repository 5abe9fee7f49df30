import { functionLogging } from '@orders/core/aws/functions';
import { type WorkflowLogging, workflowLogging } from '@orders/core/aws/workflow-logging';
import { orderMetrics } from '@orders/core/metrics';
import { localSubstitutions } from '@orders/local/workflow';
import {
  type HistoryEvent,
  type HistoryNames,
  logEventOverheadBytes,
  meteredBytes,
  workflowLogRecords,
} from '@orders/local/workflow-logs';

// What the product would send to CloudWatch Logs on AWS, measured on the local run: the workflow's log
// records under each logging configuration worth comparing, and the functions' own lines (Powertools logs
// and EMF metrics) as the handlers print them with production's settings. Names are production's, as far
// as they change a record's size: the ARNs a deployed stage has.

/** The workflow logging configurations the cost model compares; production deploys `errors`. */
export const comparedLogging = {
  allWithData: workflowLogging.full,
  allWithoutData: { level: 'ALL', includeExecutionData: false },
  errors: workflowLogging.production,
} as const satisfies Record<string, WorkflowLogging>;

export type LoggingName = keyof typeof comparedLogging;
export type WorkflowLogBytes = Record<LoggingName, number>;

export const loggingLabels: Record<LoggingName, string> = {
  allWithData: 'ALL with execution data (other stages)',
  allWithoutData: 'ALL without execution data',
  errors: 'ERROR without execution data (production)',
};

/** The production configuration's name among the compared ones. */
export const productionLogging: LoggingName = 'errors';

// Production's names, lengths as CloudFormation and SST generate them (stack-logicalId-suffix, ≤ 64).
const account = '123456789012';
const stack = 'production-orders-Workflow';
const functionName = (id: string) => `${stack}-${id}A1B2C3D4-Ab1Cd2Ef3Gh4`.slice(0, 64);
const aliasArn = (id: string) => `arn:aws:lambda:us-east-1:${account}:function:${functionName(id)}:live`;
const deployedResources: Record<string, string> = {
  [localSubstitutions.ValidateFunctionArn]: aliasArn('Validate'),
  [localSubstitutions.SequenceAndStoreFunctionArn]: aliasArn('SequenceAndStore'),
};

export const deployedNames: HistoryNames = {
  roleArn: `arn:aws:iam::${account}:role/${stack}-OrderWorkflowRole1A2B3C4D-AbCdEfGhIjKl`,
  resourceArn: (resource) => deployedResources[resource] ?? resource,
};

/** An Express execution's ARN as its logs name it: `express:<state machine>:<execution name>:<id>`. */
export function deployedExecutionArn(name: string): string {
  return `arn:aws:states:us-east-1:${account}:express:production-orders-order-workflow:${name}:${name}`;
}

/** The bytes CloudWatch would meter for one execution's history, under each compared configuration. */
export function workflowLogBytes(history: readonly HistoryEvent[], executionName: string): WorkflowLogBytes {
  const arn = deployedExecutionArn(executionName);
  const bytes = (logging: WorkflowLogging) =>
    workflowLogRecords(history, logging, arn).reduce((total, record) => total + meteredBytes(record), 0);
  return {
    allWithData: bytes(comparedLogging.allWithData),
    allWithoutData: bytes(comparedLogging.allWithoutData),
    errors: bytes(comparedLogging.errors),
  };
}

// Lambda's own lines for each invocation, in the text format the functions log in, sized from the examples
// on https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html with tracing on (the XRAY line) and
// a published version; each is one log event.
const requestId = '6bc28136-8b2e-4365-b021-0ce6b2e64ab0';
const platformLines = [
  `START RequestId: ${requestId} Version: 12\n`,
  `END RequestId: ${requestId}\n`,
  `REPORT RequestId: ${requestId}\tDuration: 12.16 ms\tBilled Duration: 13 ms\tMemory Size: 1024 MB\tMax Memory Used: 96 MB\t\nXRAY TraceId: 1-5e34a614-10bd3e3cf1fb44f07bc535a1\tSegmentId: 07f5a1b22d1f6f85\tSampled: true\t\n`,
];

/** What Lambda logs for every invocation at the default system log level (INFO), besides the function's lines. */
export const platformBytesAtInfo = platformLines.reduce(
  (total, line) => total + Buffer.byteLength(line) + logEventOverheadBytes,
  0,
);

/**
 * What Lambda logs for every invocation that ends well, with the functions' logging (`functionLogging`):
 * nothing at system level WARN, the START, END and REPORT lines at INFO.
 */
export const platformBytesPerInvocation = functionLogging.systemLogLevel === 'WARN' ? 0 : platformBytesAtInfo;

// The keys Powertools adds to every log line once the handler has Lambda's context (the local runtime
// calls handlers without one), with production's names: as many bytes again on each line.
const lambdaContextKeys = {
  cold_start: false,
  function_arn: aliasArn('Validate'),
  function_memory_size: 1024,
  function_name: functionName('Validate'),
  function_request_id: requestId,
  xray_trace_id: '1-5e34a614-10bd3e3cf1fb44f07bc535a1',
};
export const contextBytesPerLogLine = Buffer.byteLength(JSON.stringify(lambdaContextKeys)) - 1;

/** One function's lines as it printed them. */
export interface FunctionOutput {
  logLines: number;
  logBytes: number;
  /** EMF documents (Powertools Metrics): ingested as log events too. */
  metricLines: number;
  metricBytes: number;
}

export const emptyOutput = (): FunctionOutput => ({
  logLines: 0,
  logBytes: 0,
  metricLines: 0,
  metricBytes: 0,
});

/**
 * Counts the JSON lines the handlers print on stdout and stderr (Powertools writes straight to them), by the
 * function that printed them, and keeps them off the terminal; anything else is passed through. `owner`
 * names the function whose invocation is running.
 */
export class FunctionOutputMeter {
  private readonly restore: (() => void)[] = [];

  constructor(
    private readonly owner: () => string,
    private readonly record: (owner: string, output: FunctionOutput) => void,
  ) {}

  start(): void {
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      const write = (chunk: unknown, ...rest: unknown[]): boolean => {
        const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
        if (!this.measure(text)) return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
        const callback = rest.find((arg): arg is () => void => typeof arg === 'function');
        callback?.();
        return true;
      };
      stream.write = write as typeof stream.write;
      this.restore.push(() => {
        stream.write = original;
      });
    }
  }

  stop(): void {
    for (const restore of this.restore.splice(0)) restore();
  }

  /** Whether the text is the handlers' output (counted, not printed): Powertools' compact JSON. */
  private measure(text: string): boolean {
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    const printed = (line: string) =>
      line.startsWith('{') &&
      (line.includes(`"service":"${orderMetrics.service}"`) || line.includes('"_aws":{'));
    if (lines.length === 0 || !lines.every(printed)) return false;
    const output = emptyOutput();
    for (const line of lines) {
      const bytes = Buffer.byteLength(line) + logEventOverheadBytes;
      if (line.includes('"_aws":')) {
        output.metricLines++;
        output.metricBytes += bytes;
      } else {
        output.logLines++;
        output.logBytes += bytes + contextBytesPerLogLine;
      }
    }
    this.record(this.owner(), output);
    return true;
  }
}
