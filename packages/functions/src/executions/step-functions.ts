import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  ExecutionDoesNotExist,
  type ExecutionListItem,
  type ExecutionStatus,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  InvalidArn,
  ListExecutionsCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { explainExecution } from '@orders/core/workflow/execution-outcome';
import {
  type ExecutionDetail,
  type ExecutionEvent,
  ExecutionHistoryUnavailableError,
  type ExecutionOutcome,
  type ExecutionQuery,
  type ExecutionSource,
  type ExecutionSummary,
  matchesQuery,
} from './source';

/**
 * What one listing may cost. ListExecutions gives no input or output, so each listed execution that could
 * match is described (DescribeExecution: input, output, stop date) to tell its partner, order and outcome.
 * A request makes one ListExecutions call (at most this many executions, newest first) and at most this
 * many DescribeExecution calls, `describeConcurrency` at a time. Both actions are throttled per account and
 * Region by a token bucket shared with every other caller (the console, scripts)
 * (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html, "Quotas related to API action
 * throttling"), so a filtered listing looks only this far back, and may answer fewer than `limit` items.
 */
export const executionListBounds = { listed: 100, describeConcurrency: 10 } as const;

// The statuses an outcome can have, so that ListExecutions' own filter spares the describes it can.
const statusesOf: Record<ExecutionOutcome, readonly ExecutionStatus[]> = {
  accepted: ['SUCCEEDED'],
  duplicate: ['SUCCEEDED'],
  rejected: ['SUCCEEDED'],
  failed: ['FAILED', 'TIMED_OUT', 'ABORTED'],
  running: ['RUNNING', 'PENDING_REDRIVE'],
};

/**
 * Executions read from Step Functions: DescribeExecution and GetExecutionHistory (Standard workflows keep
 * the history; Express ones send it to CloudWatch Logs instead, so their timeline is empty here).
 */
export class StepFunctionsExecutions implements ExecutionSource {
  constructor(
    private readonly stateMachineArn: string,
    private readonly client: SFNClient = new SFNClient({}),
  ) {}

  async list(query: ExecutionQuery): Promise<ExecutionSummary[]> {
    const statuses = query.outcome === undefined ? undefined : statusesOf[query.outcome];
    const { executions = [] } = await this.client
      .send(
        new ListExecutionsCommand({
          stateMachineArn: this.stateMachineArn,
          maxResults: executionListBounds.listed,
          ...(statuses?.length === 1 ? { statusFilter: statuses[0] } : {}),
        }),
      )
      .catch(explainUnsupported);
    const candidates = executions.filter(
      (execution) => statuses === undefined || statuses.includes(execution.status ?? 'RUNNING'),
    );
    const items: ExecutionSummary[] = [];
    for (let at = 0; at < candidates.length && items.length < query.limit; ) {
      // No more describes at once than items still wanted: an unfiltered listing describes exactly `limit`.
      const wanted = Math.min(executionListBounds.describeConcurrency, query.limit - items.length);
      const batch = candidates.slice(at, at + wanted);
      at += batch.length;
      const described = await Promise.all(batch.map((execution) => this.summarize(execution)));
      for (const summary of described) {
        if (summary !== undefined && matchesQuery(summary, query) && items.length < query.limit)
          items.push(summary);
      }
    }
    return items;
  }

  private async summarize(listed: ExecutionListItem): Promise<ExecutionSummary | undefined> {
    try {
      const execution = await this.client.send(
        new DescribeExecutionCommand({ executionArn: listed.executionArn }),
      );
      return toSummary(execution);
    } catch (error) {
      // Gone between the two calls (past its 90 days of retention): nothing to show.
      if (error instanceof ExecutionDoesNotExist) return undefined;
      throw error;
    }
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
        ...toSummary({ ...execution, executionArn }),
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

function toSummary(execution: Omit<DescribeExecutionCommandOutput, '$metadata'>): ExecutionSummary {
  const times = {
    startDate: (execution.startDate ?? new Date(0)).toISOString(),
    ...(execution.stopDate ? { stopDate: execution.stopDate.toISOString() } : {}),
  };
  const status = execution.status ?? 'RUNNING';
  return {
    executionArn: execution.executionArn ?? '',
    name: execution.name ?? '',
    status,
    ...times,
    ...explainExecution({
      status,
      ...times,
      input: parseJson(execution.input),
      output: parseJson(execution.output),
      error: execution.error,
    }),
  };
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
