import { queryOptions } from '@tanstack/react-query';
import { answer, api } from '../api';

export const EXECUTIONS_REFRESH_MS = 5_000;
const RUNNING_REFRESH_MS = 1_000;

export function executionsQuery(limit = 50) {
  return queryOptions({
    queryKey: ['executions', 'list', limit],
    queryFn: ({ signal }) => answer(api.GET('/v1/executions', { params: { query: { limit } }, signal })),
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
