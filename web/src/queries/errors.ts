import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { apiGet, apiPath } from '../api';
import type { OrderError, Page } from '../types';
import type { ListParams } from './orders';

export function errorsQuery(partnerId: string, params: ListParams = {}) {
  return queryOptions({
    queryKey: ['errors', partnerId, params],
    queryFn: ({ signal }) =>
      apiGet<Page<OrderError>>(apiPath`/v1/partners/${partnerId}/errors`, { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}
