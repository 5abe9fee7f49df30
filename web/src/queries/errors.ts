import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { answer, api, presentParams } from '../api';
import type { ListParams } from './orders';

export function errorsQuery(partnerId: string, params: ListParams = {}) {
  return queryOptions({
    queryKey: ['errors', partnerId, params],
    queryFn: ({ signal }) =>
      answer(
        api.GET('/v1/partners/{partnerId}/errors', {
          params: { path: { partnerId }, query: presentParams({ ...params }) },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
