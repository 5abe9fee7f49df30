import { queryOptions } from '@tanstack/react-query';
import { apiGet } from '../api';
import type { Partner, Stats } from '../types';

export const STATS_REFRESH_MS = 5_000;

export function partnersQuery() {
  return queryOptions({
    queryKey: ['partners'],
    queryFn: ({ signal }) => apiGet<{ items: Partner[] }>('/v1/partners', undefined, signal),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}

export function statsQuery(refreshMs: number = STATS_REFRESH_MS) {
  return queryOptions({
    queryKey: ['stats'],
    queryFn: ({ signal }) => apiGet<Stats>('/v1/stats', undefined, signal),
    refetchInterval: refreshMs,
  });
}
