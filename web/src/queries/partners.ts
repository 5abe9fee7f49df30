import { queryOptions } from '@tanstack/react-query';
import { answer, api } from '../api';

export const STATS_REFRESH_MS = 5_000;

export function partnersQuery() {
  return queryOptions({
    queryKey: ['partners'],
    queryFn: ({ signal }) => answer(api.GET('/v1/partners', { signal })),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}

export function statsQuery(refreshMs: number = STATS_REFRESH_MS) {
  return queryOptions({
    queryKey: ['stats'],
    queryFn: ({ signal }) => answer(api.GET('/v1/stats', { signal })),
    refetchInterval: refreshMs,
  });
}
