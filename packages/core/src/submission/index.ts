export { type SubmissionStatus, submissionStatuses } from './entity';
export * from './submission';
export * from './submit';
