import type { ExecutionSummary } from '../contract/http';
import { partnerOfSource } from '../events/sources';
import { peekExternalOrderId } from '../order/external-id';
import { getPartner } from '../partner/registry';

// What an execution did to its order, read from its input and output alone, so that the local log and
// Step Functions (whose ListExecutions says only SUCCEEDED or FAILED) explain an execution the same way.
// The workflow's Succeed states are Accepted, Duplicate and Rejected; every other end (ProcessingFailed,
// LeftPending, AnnouncementPending, RecordFailed, a timeout) is a failure whose error names it.

/** What the executions listing tells about an execution beyond its id, status and times. */
export type ExecutionExplanation = Pick<
  ExecutionSummary,
  'partnerId' | 'submissionId' | 'externalOrderId' | 'outcome' | 'sequenceNumber' | 'durationMs' | 'error'
>;

/** The parts of an execution its explanation is read from. */
export interface ExplainableExecution {
  status: ExecutionSummary['status'];
  startDate: string;
  stopDate?: string | undefined;
  input: unknown;
  output?: unknown;
  error?: string | undefined;
}

/** Reads the order an execution ran for, and what became of it, from its input and output. */
export function explainExecution(execution: ExplainableExecution): ExecutionExplanation {
  const input = record(execution.input);
  const output = record(execution.output);
  // The output carries the event in the feed's form even for an order put on the bus directly.
  const detail = record(output?.detail) ?? record(input?.detail);
  const source = text(input?.source);
  const partnerId = source === undefined ? text(detail?.partnerId) : partnerOfSource(source);
  // A direct submission's id is its event's id until RecordSubmission puts it into the detail.
  const submissionId = text(detail?.submissionId) ?? text(input?.id);
  const sequencing = record(output?.sequencing);
  const accepted = record(sequencing?.accepted);
  const outcome = outcomeOf(execution.status, text(sequencing?.outcome));
  const sequenceNumber =
    outcome === 'accepted'
      ? positive(accepted?.sequenceNumber)
      : outcome === 'duplicate'
        ? positive(sequencing?.sequenceNumber)
        : undefined;
  const externalOrderId =
    text(record(record(output?.validation)?.order)?.externalOrderId) ??
    text(accepted?.externalOrderId) ??
    peekedExternalId(partnerId, detail?.payload ?? detail?.order);
  const durationMs =
    execution.stopDate === undefined
      ? undefined
      : Math.max(0, Date.parse(execution.stopDate) - Date.parse(execution.startDate));
  return {
    ...(partnerId === undefined ? {} : { partnerId }),
    ...(submissionId === undefined ? {} : { submissionId }),
    ...(externalOrderId === undefined ? {} : { externalOrderId }),
    outcome,
    ...(sequenceNumber === undefined ? {} : { sequenceNumber }),
    ...(durationMs === undefined || !Number.isFinite(durationMs) ? {} : { durationMs }),
    ...(execution.error === undefined || outcome !== 'failed' ? {} : { error: execution.error }),
  };
}

function outcomeOf(
  status: ExecutionSummary['status'],
  sequencingOutcome: string | undefined,
): ExecutionExplanation['outcome'] {
  switch (status) {
    case 'RUNNING':
    case 'PENDING_REDRIVE':
      return 'running';
    case 'SUCCEEDED':
      // Accepted and Duplicate are reached only with these outcomes; Rejected with any other, or none.
      if (sequencingOutcome === 'accepted') return 'accepted';
      if (sequencingOutcome === 'duplicate') return 'duplicate';
      return 'rejected';
    default:
      return 'failed';
  }
}

function peekedExternalId(partnerId: string | undefined, payload: unknown): string | undefined {
  const partner = partnerId === undefined ? undefined : getPartner(partnerId);
  if (partner === undefined) return undefined;
  const id = peekExternalOrderId(partner.format, payload);
  return id === null || id === '' ? undefined : id;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
}
