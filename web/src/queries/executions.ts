import { queryOptions } from '@tanstack/react-query';
import { answer, api } from '../api';
import type { paths } from '../api-schema';

export const EXECUTIONS_REFRESH_MS = 5_000;
const RUNNING_REFRESH_MS = 1_000;

export type ExecutionOutcomeName = NonNullable<
  NonNullable<paths['/v1/executions']['get']['parameters']['query']>['outcome']
>;

/** The outcomes an execution can be listed by, in the order the view offers them. */
export const executionOutcomeNames: readonly ExecutionOutcomeName[] = [
  'accepted',
  'duplicate',
  'rejected',
  'failed',
  'running',
];

export interface ExecutionFilters {
  outcome?: ExecutionOutcomeName | undefined;
  partnerId?: string | undefined;
}

export function executionsQuery(filters: ExecutionFilters = {}, limit = 50) {
  const query = {
    limit,
    ...(filters.outcome ? { outcome: filters.outcome } : {}),
    ...(filters.partnerId ? { partnerId: filters.partnerId } : {}),
  };
  return queryOptions({
    queryKey: ['executions', 'list', query],
    queryFn: ({ signal }) => answer(api.GET('/v1/executions', { params: { query }, signal })),
    select: (data) => data.items,
    refetchInterval: EXECUTIONS_REFRESH_MS,
  });
}

export function executionQuery(executionArn: string) {
  return queryOptions({
    queryKey: ['executions', 'detail', executionArn],
    queryFn: ({ signal }) =>
      answer(
        api.GET('/v1/executions/{executionId}', { params: { path: { executionId: executionArn } }, signal }),
      ),
    // A running execution is still writing its history; a finished one never changes.
    refetchInterval: (query) => (query.state.data?.status === 'RUNNING' ? RUNNING_REFRESH_MS : false),
  });
}
