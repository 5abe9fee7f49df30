import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { answer, api, presentParams } from '../api';

export interface ListParams {
  limit?: number;
  cursor?: string | undefined;
  /** ISO instant; filters on transaction time for orders, on received time for errors. */
  from?: string | undefined;
  to?: string | undefined;
}

export function ordersQuery(partnerId: string, params: ListParams = {}) {
  return queryOptions({
    queryKey: ['orders', partnerId, 'list', params],
    queryFn: ({ signal }) =>
      answer(
        api.GET('/v1/partners/{partnerId}/orders', {
          params: { path: { partnerId }, query: presentParams({ ...params }) },
          signal,
        }),
      ),
    // Keeps the current page on screen while the next one loads, so the table does not jump.
    placeholderData: keepPreviousData,
  });
}

export function orderQuery(partnerId: string, sequenceNumber: number) {
  return queryOptions({
    queryKey: ['orders', partnerId, 'detail', sequenceNumber],
    queryFn: ({ signal }) =>
      answer(
        api.GET('/v1/partners/{partnerId}/orders/{sequenceNumber}', {
          params: { path: { partnerId, sequenceNumber } },
          signal,
        }),
      ),
    // An order never changes once stored.
    staleTime: Number.POSITIVE_INFINITY,
  });
}
