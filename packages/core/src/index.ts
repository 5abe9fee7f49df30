export * as OrderError from './error';
export * from './errors';
export * as Events from './events';
export * as Order from './order';
export * as Partner from './partner';
export * as Stats from './stats';
export * as Storage from './storage';
export * as Submission from './submission';
export * as Workflow from './workflow';
