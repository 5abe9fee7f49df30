export { type SubmissionStatus, statusShardCount, submissionStatuses } from './entity';
export {
  InvalidSubmissionCursorError,
  listSubmissionsByStatus,
  type SubmissionQuery,
} from './list';
export * from './recover';
export * from './recovery-age';
export * from './reprocess';
export * from './submission';
export * from './submit';
