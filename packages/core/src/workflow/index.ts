export * from './definition';
export * from './direct-submission';
export * from './failures';
export * from './steps';
export * from './task-input';
export * from './validation';
