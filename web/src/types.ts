// The shapes the HTTP API answers with, as its published OpenAPI description declares them
// (`pnpm api:types` generates api-schema.d.ts from docs/openapi.json).
import type { components } from './api-schema';

type Schemas = components['schemas'];

export type Partner = Schemas['PartnerSummary'];
export type PartnerStats = Schemas['PartnerStats'];
export type Stats = Schemas['Stats'];
export type Order = Schemas['Order'];
export type Issue = Schemas['Issue'];
export type OrderError = Schemas['OrderError'];
export type Submission = Schemas['SubmissionStatus'];
export type ExecutionSummary = Schemas['ExecutionSummary'];
export type ExecutionStatus = ExecutionSummary['status'];
/** One history entry of an execution. */
export type ExecutionEvent = Schemas['ExecutionEvent'];
export type Execution = Schemas['ExecutionDetail'];
export type SubmissionAttempt = Schemas['SubmissionAttempt'];
export type ReprocessResult = Schemas['ReprocessResult'];
export type Timeseries = Schemas['Timeseries'];
export type TimeseriesPoint = Schemas['TimeseriesPoint'];
