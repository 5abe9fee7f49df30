import type * as Http from '@orders/core/contract/http';
import type { EventPublisher } from '@orders/core/events/publisher';
import type { Store } from '@orders/core/storage/store';
import { type ReprocessResult, reprocessSubmission } from '@orders/core/submission/reprocess';
import { PublishFailedError } from '@orders/core/submission/submit';
import { awsPartnerKeys } from '../aws/partner-keys';
import { awsPartners } from '../aws/partners';
import { awsPublisher } from '../aws/publisher';
import { awsStore } from '../aws/store';
import { awsTokenVerifier } from '../aws/token-verifier';
import { readConfig } from '../config';
import { lazy } from '../lazy';
import { instrument, type LambdaHandler, logger } from '../observability';
import { type AccessDependencies, admit, pathPartner } from './auth';
import { HttpError, type HttpEvent, type HttpResponse, json, respond } from './http';
import type { RouteKey } from './routes';
import { toSubmissionStatus } from './submission-status';

export interface OperateDependencies extends AccessDependencies {
  store: Store;
  publisher: EventPublisher;
  busName: string;
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
};

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

/** The admin routes that change things: reprocessing a submission. */
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
  }),
);
