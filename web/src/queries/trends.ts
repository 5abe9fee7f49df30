import { queryOptions } from '@tanstack/react-query';
import { answer, api } from '../api';

export const TRENDS_REFRESH_MS = 15_000;

/** The last hour, minute by minute, per partner (the API's default range), and what is pending now. */
export function timeseriesQuery(refreshMs: number = TRENDS_REFRESH_MS) {
  return queryOptions({
    queryKey: ['stats', 'timeseries', '1m'],
    queryFn: ({ signal }) =>
      answer(api.GET('/v1/stats/timeseries', { params: { query: { bucket: '1m' } }, signal })),
    refetchInterval: refreshMs,
  });
}
