// The shapes the HTTP API answers with (see "HTTP API" in DESIGN.md).

export type PartnerFormat = 'partner-a' | 'partner-b';

export interface Partner {
  id: string;
  name: string;
  format: PartnerFormat | (string & {});
  accepted: number;
  rejected: number;
  duplicates: number;
  lastSequenceNumber: number;
}

export interface PartnerStats {
  partnerId: string;
  accepted: number;
  rejected: number;
  duplicates: number;
  lastSequenceNumber: number;
}

export interface Stats {
  partners: PartnerStats[];
  generatedAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Order {
  partnerId: string;
  sequenceNumber: number;
  externalOrderId: string;
  productId: string;
  customerId: string;
  quantity: number;
  unitPrice: number | string;
  taxRate: number;
  grossAmount: string;
  taxAmount: string;
  netAmount: string;
  transactionTime: string;
  submissionId: string;
  receivedAt: string;
  processedAt: string;
  executionId: string;
}

export interface Issue {
  path: string;
  code: string;
  message: string;
}

export type ErrorCategory = 'validation' | 'conflict' | 'processing';

export interface OrderError {
  submissionId: string;
  partnerId: string;
  receivedAt: string;
  category: ErrorCategory;
  issues: Issue[];
  payload: string;
  payloadTruncated: boolean;
  executionId?: string;
  /** Epoch seconds. */
  expiresAt: number;
}

export interface SubmitResult {
  accepted: { submissionId: string; externalOrderId: string }[];
}

export type SubmissionState = 'pending' | 'accepted' | 'duplicate' | 'rejected';

export interface Submission {
  submissionId: string;
  status: SubmissionState;
  sequenceNumber?: number;
  issues?: Issue[];
  executionId?: string;
  receivedAt: string;
}

// Execution shapes as the executions routes answer them, the same whether the local runtime or Step
// Functions stands behind the API.
export type ExecutionStatus =
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'ABORTED'
  | 'TIMED_OUT'
  | 'PENDING_REDRIVE';

export interface ExecutionSummary {
  executionArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: string;
  stopDate?: string;
}

/** One history entry of an execution. */
export interface ExecutionEvent {
  id: number;
  type: string;
  timestamp: string;
  stateName?: string;
  stateType?: string;
  input?: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
  retryAttempt?: number;
}

export interface Execution extends ExecutionSummary {
  input: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
  events: ExecutionEvent[];
}
