import { keepPreviousData, mutationOptions, queryOptions } from '@tanstack/react-query';
import { answer, api, presentParams } from '../api';
import type { paths } from '../api-schema';
import type { ListParams } from './orders';

/** First poll delay while a submission is pending; it backs off to at most {@link MAX_POLL_MS}. */
export const FIRST_POLL_MS = 500;
const MAX_POLL_MS = 5_000;

export function submissionQuery(partnerId: string, submissionId: string) {
  return queryOptions({
    queryKey: ['submissions', partnerId, submissionId],
    queryFn: ({ signal }) =>
      answer(
        api.GET('/v1/partners/{partnerId}/submissions/{submissionId}', {
          params: { path: { partnerId, submissionId } },
          signal,
        }),
      ),
    refetchInterval: (query) => {
      if (query.state.data?.status !== 'pending') return false;
      return Math.min(FIRST_POLL_MS * 1.5 ** query.state.dataUpdateCount, MAX_POLL_MS);
    },
  });
}

type SubmitBody =
  paths['/v1/partners/{partnerId}/orders']['post']['requestBody']['content']['application/json'];

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
      answer(
        api.POST('/v1/partners/{partnerId}/orders', {
          params: { path: { partnerId } },
          headers: apiKey === '' ? {} : { 'x-api-key': apiKey },
          // The text goes out untouched, malformed or not: the API's answer to it is what the form shows.
          body: body as unknown as SubmitBody,
          bodySerializer: () => body,
        }),
      ),
  });
}

export type SubmissionStatusName = NonNullable<
  paths['/v1/partners/{partnerId}/submissions']['get']['parameters']['query']
>['status'];

/** The statuses a submission can be listed by, in the order the view offers them. */
export const submissionStatusNames: readonly SubmissionStatusName[] = [
  'pending',
  'accepted',
  'duplicate',
  'rejected',
];

export function submissionsQuery(partnerId: string, status: SubmissionStatusName, params: ListParams = {}) {
  return queryOptions({
    queryKey: ['submissions', partnerId, 'list', status, params],
    queryFn: ({ signal }) =>
      answer(
        api.GET('/v1/partners/{partnerId}/submissions', {
          params: { path: { partnerId }, query: { status, ...presentParams({ ...params }) } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export interface ReprocessInput {
  partnerId: string;
  submissionId: string;
}

/** Runs a rejected submission through the workflow again (admin only); answers what it did. */
export function reprocessSubmissionMutation() {
  return mutationOptions({
    mutationKey: ['reprocess-submission'],
    mutationFn: ({ partnerId, submissionId }: ReprocessInput) =>
      answer(
        api.POST('/v1/partners/{partnerId}/submissions/{submissionId}/reprocess', {
          params: { path: { partnerId, submissionId } },
        }),
      ),
  });
}
