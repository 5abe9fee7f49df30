import { randomBytes } from 'node:crypto';
import * as Http from '@orders/core/contract/http';
import type { EventPublisher } from '@orders/core/events/publisher';
import {
  newReplayName,
  ReplayExistsError,
  ReplayLimitError,
  type ReplaySource,
} from '@orders/core/events/replay';
import { archive } from '@orders/core/events/rules';
import { getPartner } from '@orders/core/partner/registry';
import type { Store } from '@orders/core/storage/store';
import { type ReprocessResult, reprocessSubmission } from '@orders/core/submission/reprocess';
import { PublishFailedError } from '@orders/core/submission/submit';
import * as v from 'valibot';
import { awsPartnerKeys } from '../aws/partner-keys';
import { awsPartners } from '../aws/partners';
import { awsPublisher } from '../aws/publisher';
import { awsReplays } from '../aws/replays';
import { awsStore } from '../aws/store';
import { awsTokenVerifier } from '../aws/token-verifier';
import { readConfig } from '../config';
import { lazy } from '../lazy';
import { instrument, type LambdaHandler, logger } from '../observability';
import { type AccessDependencies, admit, pathPartner } from './auth';
import { bodyText, HttpError, type HttpEvent, type HttpResponse, json, respond } from './http';
import type { RouteKey } from './routes';
import { toSubmissionStatus } from './submission-status';

export interface OperateDependencies extends AccessDependencies {
  store: Store;
  publisher: EventPublisher;
  busName: string;
  /** Replays of the bus's archive: StartReplay and DescribeReplay on AWS, the local bus's own locally. */
  replays: ReplaySource;
}

type RouteHandler = (event: HttpEvent, deps: OperateDependencies) => Promise<HttpResponse>;

const handlers: Partial<Record<RouteKey, RouteHandler>> = {
  'POST /v1/partners/{partnerId}/submissions/{submissionId}/reprocess': async (event, deps) => {
    const partner = pathPartner(event);
    const submissionId = event.pathParameters?.submissionId ?? '';
    const result = await reprocess(deps, partner.id, submissionId);
    if (result.outcome === 'not_found') throw new HttpError(404, 'not_found', 'no such submission');
    if (result.outcome === 'unreadable') {
      throw new HttpError(
        409,
        'payload_unreadable',
        'the stored order is not whole, so it cannot be processed again; the partner must send it again',
      );
    }
    logger.info('submission reprocessed', { partnerId: partner.id, submissionId, outcome: result.outcome });
    const body: Http.ReprocessResult = {
      outcome: result.outcome,
      message: messageOf(result),
      submission: toSubmissionStatus(result.submission),
    };
    return json(result.outcome === 'requeued' ? 202 : 200, body);
  },
  'POST /v1/replays': async (event, { replays }) => {
    const now = new Date();
    const request = parseReplayRequest(bodyText(event), now);
    try {
      const replay: Http.Replay = await replays.start({
        ...request,
        name: newReplayName(now, randomBytes(4).toString('hex')),
      });
      logger.info('replay started', { replay: replay.name, partnerId: request.partnerId });
      return json(202, replay);
    } catch (error) {
      if (error instanceof ReplayExistsError) throw new HttpError(409, error.code, error.message);
      if (error instanceof ReplayLimitError) throw new HttpError(429, error.code, error.message);
      throw error;
    }
  },
  'GET /v1/replays/{replayName}': async (event, { replays }) => {
    const name = event.pathParameters?.replayName ?? '';
    if (!v.is(Http.ReplayNameParameter, name)) {
      throw new HttpError(400, 'invalid_replay_name', 'a replay name is 1 to 64 of . - _ letters and digits');
    }
    const replay: Http.Replay | undefined = await replays.describe(name);
    if (replay === undefined) throw new HttpError(404, 'not_found', `no replay named ${name}`);
    return json(200, replay);
  },
};

const dayMs = 24 * 60 * 60 * 1000;

// A range the archive can still hold (its retention, counted back from now) and a registered partner.
function parseReplayRequest(body: string, now: Date): { from: Date; to: Date; partnerId?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new HttpError(400, 'malformed_json', 'the body is not valid JSON');
  }
  const result = v.safeParse(Http.ReplayRequest, parsed);
  if (!result.success) {
    throw new HttpError(
      400,
      'invalid_body',
      'send { "from": <instant>, "to": <instant>, "partnerId"?: <partner> }, instants in ISO 8601 with a zone',
    );
  }
  const from = new Date(result.output.from);
  const to = new Date(result.output.to);
  if (!(from < to)) throw new HttpError(400, 'invalid_range', '`from` must be before `to`');
  if (from.getTime() < now.getTime() - archive.retentionDays * dayMs) {
    throw new HttpError(
      400,
      'out_of_retention',
      `the archive keeps events for ${archive.retentionDays} days: \`from\` must be within them`,
    );
  }
  const { partnerId } = result.output;
  if (partnerId !== undefined && getPartner(partnerId) === undefined) {
    throw new HttpError(400, 'invalid_partnerId', `no partner is registered as ${partnerId}`);
  }
  return { from, to, ...(partnerId === undefined ? {} : { partnerId }) };
}

async function reprocess(
  deps: OperateDependencies,
  partnerId: string,
  submissionId: string,
): Promise<ReprocessResult> {
  try {
    return await reprocessSubmission(deps, partnerId, submissionId);
  } catch (error) {
    if (!(error instanceof PublishFailedError)) throw error;
    throw new HttpError(
      503,
      'publish_failed',
      'the submission is pending again but could not be queued; recovery announces it again: poll its status',
    );
  }
}

function messageOf(result: Exclude<ReprocessResult, { outcome: 'not_found' | 'unreadable' }>): string {
  const { submission } = result;
  switch (result.outcome) {
    case 'requeued':
      return 'the rejected submission is pending again and queued for the workflow; poll its status';
    case 'in_progress':
      return 'the submission is pending: the workflow has it, so nothing was queued again';
    case 'already_settled':
      return submission.status === 'duplicate'
        ? `nothing to do: a duplicate of order #${submission.sequenceNumber}`
        : `nothing to do: already accepted as #${submission.sequenceNumber}`;
  }
}

/** The admin routes that change things: reprocessing a submission, replaying the archive (and its progress). */
export function createOperateHandler(deps: OperateDependencies): LambdaHandler<HttpEvent, HttpResponse> {
  return instrument('Operate', (event: HttpEvent) =>
    respond(event, async () => {
      await admit(event, deps);
      const handler = handlers[event.routeKey as RouteKey];
      if (handler === undefined) throw new HttpError(404, 'not_found', `no route ${event.routeKey}`);
      return handler(event, deps);
    }),
  );
}

export const handler = lazy(async () =>
  createOperateHandler({
    store: awsStore(),
    publisher: awsPublisher(),
    busName: readConfig().EVENT_BUS_NAME,
    keys: await awsPartnerKeys(),
    tokens: awsTokenVerifier(),
    partners: awsPartners(),
    replays: awsReplays(),
  }),
);
