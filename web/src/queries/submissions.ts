import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { apiGet, apiPath, request } from '../api';
import type { Submission, SubmitResult } from '../types';

/** First poll delay while a submission is pending; it backs off to at most {@link MAX_POLL_MS}. */
export const FIRST_POLL_MS = 500;
const MAX_POLL_MS = 5_000;

export function submissionQuery(partnerId: string, submissionId: string) {
  return queryOptions({
    queryKey: ['submissions', partnerId, submissionId],
    queryFn: ({ signal }) =>
      apiGet<Submission>(apiPath`/v1/partners/${partnerId}/submissions/${submissionId}`, undefined, signal),
    refetchInterval: (query) => {
      if (query.state.data?.status !== 'pending') return false;
      return Math.min(FIRST_POLL_MS * 1.5 ** query.state.dataUpdateCount, MAX_POLL_MS);
    },
  });
}

export interface SubmitOrdersInput {
  partnerId: string;
  apiKey: string;
  /** The request body exactly as typed, so operators can also try malformed input. */
  body: string;
}

export function submitOrdersMutation() {
  return mutationOptions({
    mutationKey: ['submit-orders'],
    mutationFn: ({ partnerId, apiKey, body }: SubmitOrdersInput) =>
      request<SubmitResult>(apiPath`/v1/partners/${partnerId}/orders`, {
        method: 'POST',
        headers: apiKey === '' ? {} : { 'x-api-key': apiKey },
        body,
      }),
  });
}
