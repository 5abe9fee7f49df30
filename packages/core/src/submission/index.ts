export { type SubmissionStatus, submissionStatuses } from './entity';
export * from './recover';
export * from './recovery-age';
export * from './submission';
export * from './submit';
