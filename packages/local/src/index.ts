export * from './bus';
export * from './executions';
export * from './runtime';
export * from './workflow';
