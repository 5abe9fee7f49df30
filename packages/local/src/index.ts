export * from './app';
export * from './bus';
export * from './executions';
export * from './lambda';
export * from './limit';
export * from './runtime';
export * from './server';
export * from './workflow';
