import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  InvalidArn,
  ListExecutionsCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import {
  type ExecutionDetail,
  type ExecutionEvent,
  ExecutionHistoryUnavailableError,
  type ExecutionSource,
  type ExecutionSummary,
} from './source';

/**
 * Executions read from Step Functions: DescribeExecution and GetExecutionHistory (Standard workflows keep
 * the history; Express ones send it to CloudWatch Logs instead, so their timeline is empty here).
 */
export class StepFunctionsExecutions implements ExecutionSource {
  constructor(
    private readonly stateMachineArn: string,
    private readonly client: SFNClient = new SFNClient({}),
  ) {}

  async list(limit: number): Promise<ExecutionSummary[]> {
    const { executions = [] } = await this.client
      .send(new ListExecutionsCommand({ stateMachineArn: this.stateMachineArn, maxResults: limit }))
      .catch(explainUnsupported);
    return executions.map((execution) => ({
      executionArn: execution.executionArn ?? '',
      name: execution.name ?? '',
      status: execution.status ?? 'RUNNING',
      startDate: (execution.startDate ?? new Date(0)).toISOString(),
      ...(execution.stopDate ? { stopDate: execution.stopDate.toISOString() } : {}),
    }));
  }

  async get(executionArn: string): Promise<ExecutionDetail | undefined> {
    try {
      const execution = await this.client.send(new DescribeExecutionCommand({ executionArn }));
      const history: HistoryEvent[] = [];
      let nextToken: string | undefined;
      do {
        const page = await this.client.send(
          new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }),
        );
        history.push(...(page.events ?? []));
        nextToken = page.nextToken;
      } while (nextToken !== undefined);
      return {
        executionArn,
        name: execution.name ?? '',
        status: execution.status ?? 'RUNNING',
        startDate: (execution.startDate ?? new Date(0)).toISOString(),
        ...(execution.stopDate ? { stopDate: execution.stopDate.toISOString() } : {}),
        input: parseJson(execution.input),
        ...(execution.output === undefined ? {} : { output: parseJson(execution.output) }),
        ...(execution.error === undefined ? {} : { error: execution.error }),
        ...(execution.cause === undefined ? {} : { cause: execution.cause }),
        events: toExecutionEvents(history),
      };
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist || error instanceof InvalidArn) return undefined;
      return explainUnsupported(error);
    }
  }
}

// Express workflows answer these calls with StateMachineTypeNotSupported: say so in the API's terms.
function explainUnsupported(error: unknown): never {
  if (error instanceof Error && error.name === 'StateMachineTypeNotSupported') {
    throw new ExecutionHistoryUnavailableError(
      'this stage runs the workflow as an Express state machine, which keeps no execution history; see its CloudWatch Logs',
      { cause: error },
    );
  }
  throw error;
}

const typeNames: Record<string, string> = {
  ExecutionStarted: 'ExecutionStarted',
  ExecutionSucceeded: 'ExecutionSucceeded',
  ExecutionFailed: 'ExecutionFailed',
  ExecutionAborted: 'ExecutionAborted',
  ExecutionTimedOut: 'ExecutionTimeout',
};

/**
 * Maps Step Functions history to the local runtime's event shape, so one timeline view serves both:
 * `*StateEntered`/`*StateExited` become StateEntered/StateExited, task failures StateFailed, and a
 * failure followed by the same state scheduling its task again a StateRetried.
 */
export function toExecutionEvents(history: HistoryEvent[]): ExecutionEvent[] {
  const events: ExecutionEvent[] = [];
  const attempts = new Map<string, number>();
  let current: { name: string; type: string } | undefined;
  let failedInState = false;
  for (const event of history) {
    const type = event.type ?? '';
    const base = {
      id: event.id ?? events.length + 1,
      timestamp: (event.timestamp ?? new Date(0)).toISOString(),
    };
    if (type.endsWith('StateEntered') && event.stateEnteredEventDetails) {
      const details = event.stateEnteredEventDetails;
      current = { name: details.name ?? '', type: type.replace('StateEntered', '') };
      failedInState = false;
      events.push({
        ...base,
        type: 'StateEntered',
        stateName: current.name,
        stateType: current.type,
        input: parseJson(details.input),
      });
    } else if (type.endsWith('StateExited') && event.stateExitedEventDetails) {
      const details = event.stateExitedEventDetails;
      const stateType = type.replace('StateExited', '');
      events.push({
        ...base,
        type: 'StateExited',
        stateName: details.name ?? '',
        stateType,
        output: parseJson(details.output),
      });
      current = undefined;
    } else if (type.endsWith('Failed') && !type.startsWith('Execution') && current !== undefined) {
      const details = failureDetails(event);
      failedInState = true;
      events.push({
        ...base,
        type: 'StateFailed',
        stateName: current.name,
        stateType: current.type,
        ...details,
      });
    } else if (type.endsWith('Scheduled') && failedInState && current !== undefined) {
      const attempt = (attempts.get(current.name) ?? 0) + 1;
      attempts.set(current.name, attempt);
      failedInState = false;
      events.push({
        ...base,
        type: 'StateRetried',
        stateName: current.name,
        stateType: current.type,
        retryAttempt: attempt,
      });
    } else if (type in typeNames) {
      const started = event.executionStartedEventDetails;
      const succeeded = event.executionSucceededEventDetails;
      events.push({
        ...base,
        type: typeNames[type] ?? type,
        ...(started ? { input: parseJson(started.input) } : {}),
        ...(succeeded ? { output: parseJson(succeeded.output) } : {}),
        ...failureDetails(event),
      });
    }
  }
  return events;
}

function failureDetails(event: HistoryEvent): { error?: string; cause?: string } {
  const details =
    event.taskFailedEventDetails ??
    event.lambdaFunctionFailedEventDetails ??
    event.taskTimedOutEventDetails ??
    event.lambdaFunctionTimedOutEventDetails ??
    event.executionFailedEventDetails ??
    event.executionTimedOutEventDetails ??
    event.executionAbortedEventDetails;
  if (details === undefined) return {};
  return {
    ...(details.error === undefined ? {} : { error: details.error }),
    ...(details.cause === undefined ? {} : { cause: details.cause }),
  };
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
