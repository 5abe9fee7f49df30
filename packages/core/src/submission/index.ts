export { type SubmissionStatus, submissionStatuses } from './entity';
export * from './recover';
export * from './submission';
export * from './submit';
