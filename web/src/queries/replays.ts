import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { answer, api } from '../api';

const POLL_MS = 1_000;
const finished = new Set(['COMPLETED', 'CANCELLED', 'FAILED']);

/** One replay, polled until it has finished. */
export function replayQuery(name: string) {
  return queryOptions({
    queryKey: ['replays', name],
    queryFn: ({ signal }) =>
      answer(api.GET('/v1/replays/{replayName}', { params: { path: { replayName: name } }, signal })),
    refetchInterval: (query) =>
      query.state.data !== undefined && finished.has(query.state.data.state) ? false : POLL_MS,
  });
}

export interface StartReplayInput {
  from: string;
  to: string;
  partnerId?: string;
}

/** Replays the archive's submissions of a time range (admin only). */
export function startReplayMutation() {
  return mutationOptions({
    mutationKey: ['start-replay'],
    mutationFn: (body: StartReplayInput) => answer(api.POST('/v1/replays', { body })),
  });
}
